import { describe, expect, it } from 'vitest';
import { fieldMessage } from './field-messages';
import { DecisionBody } from './meetings';
import { CreateTaskBody } from './tasks';

const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), fieldMessage(i.message, 'da') ?? i.message]));

describe('messages for a choice or a date left empty', () => {
  it('asks for the field, not for a valid id or date, when a decision’s assignee and due date are empty', () => {
    const r = DecisionBody.safeParse({ becomes: 'task', text: 'Ring til skolen', assigneeUserId: '', due: '' });
    expect(messages(r)).toEqual({ assigneeUserId: 'Feltet skal udfyldes.', due: 'Feltet skal udfyldes.' });
  });

  it('still says what is wrong with an id or a date that was given', () => {
    const r = DecisionBody.safeParse({ becomes: 'task', text: 'Ring til skolen', assigneeUserId: 'kim', due: '2026-02-30' });
    expect(messages(r)).toEqual({ assigneeUserId: 'Ugyldigt id.', due: 'Skriv en gyldig dato (åååå-mm-dd).' });
  });

  it('holds for a task too, in English', () => {
    const r = CreateTaskBody.safeParse({ title: 'Ring', assigneeUserId: '', due: '' });
    expect(Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), fieldMessage(i.message, 'en')]))).toMatchObject({
      assigneeUserId: 'This field is required.',
      due: 'This field is required.',
    });
  });
});
