import { LifeDomainBody, LifeDomainParams } from '../../shared/plans';
import { CodeListAdmin, type CodeListConfig } from '../features/admin/CodeListAdmin';
import { fetchLifeDomains, planKeys, putLifeDomain, type LifeDomain } from '../features/plans/plans.api';

const lifeDomains: CodeListConfig<LifeDomain> = {
  id: 'domain',
  texts: {
    title: 'domains.title',
    intro: 'domains.intro',
    caption: 'domains.caption',
    empty: 'domains.empty',
    order: 'domains.order',
    orderHint: 'domains.orderHint',
    labelDa: 'domains.labelDa',
    labelEn: 'domains.labelEn',
    activeLabel: 'domains.activeLabel',
    active: 'domains.active',
    inactive: 'domains.inactive',
    editTitle: 'domains.editTitle',
    addHeading: 'domains.addHeading',
    add: 'domains.add',
    codeHint: 'domains.codeHint',
    codeTaken: 'domains.codeTaken',
    added: 'domains.added',
    saved: 'domains.saved',
  },
  // The plan pages, the PDF and the measurements read the same list.
  queryKey: planKeys.lifeDomains,
  alsoInvalidate: [],
  fetchAll: fetchLifeDomains,
  put: putLifeDomain,
  codeSchema: LifeDomainParams,
  bodySchema: LifeDomainBody,
  flag: { key: 'child', label: 'domains.childLabel', hint: 'domains.childHint', column: 'domains.childColumn' },
};

/** Livsområder: the municipality's life domains for baselines, goals and measurements, in Danish and English, in order. */
export function AdminLifeDomainsPage() {
  return <CodeListAdmin config={lifeDomains} />;
}
