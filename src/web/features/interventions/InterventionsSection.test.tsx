// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { overviewFixture } from '../families/testing/overviewFixture';
import { render, type Rendered } from '../../testing/render';
import { InterventionsSection } from './InterventionsSection';

let view: Rendered | undefined;
afterEach(() => view?.unmount());

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\u00a0/g, ' ');
const reload = async () => {};

describe('the interventions section of the family overview', () => {
  it('shows the monthly cost in whole Danish kroner, in total and per department', async () => {
    view = await render(<InterventionsSection overview={overviewFixture()} onReload={reload} />);
    // 12.000 kr. + 450 kr. × 3 h/week × 30.4375 / 7 = 17.869,82 kr.
    expect(text(view.container.querySelector('.cost-total'))).toContain('17.870 kr.');
    const rows = [...view.container.querySelectorAll('table')[0]!.querySelectorAll('tbody tr')].map(text);
    expect(rows).toEqual(['Børne- og Familieafdelingen12.000 kr.', 'Voksen/Handicap5.870 kr.']);
  });

  it('warns about the overlap naming both interventions, their departments, the person and the category', async () => {
    view = await render(<InterventionsSection overview={overviewFixture()} onReload={reload} />);
    const warning = text(view.container.querySelector('.alert-warning'));
    expect(warning).toContain('1 overlap mellem indsatser');
    expect(warning).toContain('Maja Hansen:');
    expect(warning).toContain('Familiebehandling (Børne- og Familieafdelingen, fra 01.01.2025)');
    expect(warning).toContain('Støtte-kontaktperson (Voksen/Handicap, fra 01.02.2025)');
    expect(warning).toContain('Samme kategori: Familiestøtte.');
    expect(warning).toContain('Løber samtidig fra 01.02.2025.');
  });

  it('gives each running intervention its price, hours and monthly cost, marked as overlapping', async () => {
    view = await render(<InterventionsSection overview={overviewFixture()} onReload={reload} />, { lang: 'en' });
    const row = [...view.container.querySelectorAll('tbody tr')].map(text).find((r) => r.includes('Støtte-kontaktperson'));
    expect(row).toContain('450 kr. per hour');
    expect(row).toContain('3 hours per week');
    expect(row).toContain('5.870 kr.');
    expect(row).toContain('Overlap');
  });

  it('offers registering and ending only when the family’s permissions allow it', async () => {
    view = await render(<InterventionsSection overview={overviewFixture({ can: { registerIntervention: false } })} onReload={reload} />);
    const buttons = [...view.container.querySelectorAll('button')].map(text);
    expect(buttons.some((b) => b.startsWith('Registrér indsats'))).toBe(false);
    expect(buttons.some((b) => b.startsWith('Afslut'))).toBe(false);
  });

  it('says so when the family has no interventions', async () => {
    const empty = overviewFixture();
    empty.data.interventions = { current: [], past: [], monthlyCostTotal: 0, monthlyCostByDepartment: [], overlaps: [], hiddenByConsent: 0 };
    view = await render(<InterventionsSection overview={empty} onReload={reload} />);
    expect(text(view.container)).toContain('Der er ingen igangværende indsatser.');
    expect(view.container.querySelector('.alert-warning')).toBeNull();
  });
});
