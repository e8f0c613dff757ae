import { describe, expect, it } from 'vitest';
import { withoutHiddenCpr, type PersonValues } from './ReferralNewPage';

const person = (over: Partial<PersonValues>): PersonValues => ({ key: 1, knowsCpr: 'no', cpr: '', givenName: '', familyName: '', birthDate: '', role: '', ...over });
const rule = 'Angiv CPR-nummer, eller navn og fødselsdato.';

describe('where the referral form tells that a person needs a CPR number or a name and a birth date', () => {
  it('tells it at the missing name and birth date of a person entered without CPR, where the CPR field is not shown', () => {
    const errors = withoutHiddenCpr({ 'persons.1.cpr': rule, signs: 'Vælg mindst ét tegn.' }, [person({ knowsCpr: 'yes', cpr: '0101901234' }), person({ givenName: ' ' })], 'Feltet skal udfyldes.');
    expect(errors).toEqual({ 'persons.1.givenName': 'Feltet skal udfyldes.', 'persons.1.birthDate': 'Feltet skal udfyldes.', signs: 'Vælg mindst ét tegn.' });
  });

  it('names only what is missing, and keeps a message already at the field', () => {
    expect(withoutHiddenCpr({ 'persons.0.cpr': rule }, [person({ givenName: 'Lukas' })], 'Feltet skal udfyldes.')).toEqual({ 'persons.0.birthDate': 'Feltet skal udfyldes.' });
    expect(withoutHiddenCpr({ 'persons.0.cpr': rule, 'persons.0.birthDate': 'Skriv en gyldig dato.' }, [person({ givenName: 'Lukas', birthDate: '2015-13-01' })], 'x')).toEqual({
      'persons.0.birthDate': 'Skriv en gyldig dato.',
    });
  });

  it('leaves the CPR field’s message where the CPR field is shown', () => {
    expect(withoutHiddenCpr({ 'persons.0.cpr': rule }, [person({ knowsCpr: 'yes' })], 'x')).toEqual({ 'persons.0.cpr': rule });
  });
});
