// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { render, type Rendered } from '../../testing/render';
import { MembersSection } from './MembersSection';
import { overviewFixture } from './testing/overviewFixture';

let view: Rendered | undefined;
afterEach(() => view?.unmount());

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\u00a0/g, ' ');
const reload = async () => {};

describe('the members section of the family overview', () => {
  it('masks the CPR number and a protected address, each with an action to reveal it', async () => {
    view = await render(<MembersSection overview={overviewFixture()} onReload={reload} />);
    const maja = [...view.container.querySelectorAll('tbody tr')].find((r) => text(r).includes('Maja Hansen'));
    expect(text(maja)).toContain('150390-xxxx');
    expect(text(maja)).toContain('Beskyttet adresse');
    const buttons = [...(maja?.querySelectorAll('button') ?? [])].map(text);
    expect(buttons).toContain('Vis CPR for Maja Hansen');
    expect(buttons).toContain('Vis adresse for Maja Hansen');
  });

  it('shows an unprotected address and who holds custody of a child', async () => {
    view = await render(<MembersSection overview={overviewFixture()} onReload={reload} />);
    const ida = [...view.container.querySelectorAll('tbody tr')].find((r) => text(r).includes('Ida Hansen'));
    expect(text(ida)).toContain('Søborg Hovedgade 1');
    expect(text(ida)).toContain('Maja Hansen');
    expect(text(ida)).toContain('02.07.2018');
  });

  it('offers no reveal and no editing to someone the family’s permissions do not allow', async () => {
    view = await render(<MembersSection overview={overviewFixture({ can: { reveal: false, editHousehold: false } })} onReload={reload} />);
    const buttons = [...view.container.querySelectorAll('button')].map(text);
    expect(buttons).toEqual([]);
    expect(text(view.container)).toContain('Beskyttet adresse');
  });

  it('names the family in the reader’s language, from the surnames the server sends', async () => {
    const caption = () => text(view?.container.querySelector('caption'));
    view = await render(<MembersSection overview={overviewFixture()} onReload={reload} />);
    expect(caption()).toBe('Medlemmer af Familien Hansen');
    view.unmount();
    view = await render(<MembersSection overview={overviewFixture()} onReload={reload} />, { lang: 'en' });
    expect(caption()).toBe('The Hansen family: members');
    view.unmount();
    const twoNames = overviewFixture();
    twoNames.data.familyNames = ['Hansen', 'Ali'];
    view = await render(<MembersSection overview={twoNames} onReload={reload} />, { lang: 'en' });
    expect(caption()).toBe('The Hansen/Ali family: members');
    view.unmount();
    const none = overviewFixture();
    none.data.familyNames = [];
    view = await render(<MembersSection overview={none} onReload={reload} />);
    expect(caption()).toBe('Medlemmer af Familie uden efternavn');
  });
});
