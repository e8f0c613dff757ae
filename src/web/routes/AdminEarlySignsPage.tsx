import { EarlySignCodeParams, UpsertEarlySignBody } from '../../shared/referrals';
import { CodeListAdmin, type CodeListConfig } from '../features/admin/CodeListAdmin';
import { fetchAllEarlySigns, putEarlySign, referralKeys, type EarlySign } from '../features/referrals/referrals.api';

const earlySigns: CodeListConfig<EarlySign> = {
  id: 'sign',
  texts: {
    title: 'signs.title',
    intro: 'signs.intro',
    caption: 'signs.caption',
    empty: 'signs.empty',
    order: 'signs.order',
    orderHint: 'signs.orderHint',
    labelDa: 'signs.labelDa',
    labelEn: 'signs.labelEn',
    activeLabel: 'signs.activeLabel',
    active: 'signs.active',
    inactive: 'signs.inactive',
    editTitle: 'signs.editTitle',
    addHeading: 'signs.addHeading',
    add: 'signs.add',
    codeHint: 'signs.codeHint',
    codeTaken: 'signs.codeTaken',
    added: 'signs.added',
    saved: 'signs.saved',
  },
  queryKey: referralKeys.adminSigns,
  alsoInvalidate: [referralKeys.signs],
  fetchAll: fetchAllEarlySigns,
  put: putEarlySign,
  codeSchema: EarlySignCodeParams,
  bodySchema: UpsertEarlySignBody,
};

/** Opsporingstegn: the municipality's checklist of early signs, in Danish and English, in order. */
export function AdminEarlySignsPage() {
  return <CodeListAdmin config={earlySigns} />;
}
