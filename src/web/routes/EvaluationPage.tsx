import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { KPI_KEYS, KPI_TEXTS, kpiTableRows, type EvaluationDashboardDto, type KpiKey } from '../../shared/evaluation-dashboard';
import { isIsoDate } from '../../shared/dates';
import type { Lang } from '../../shared/i18n';
import type { ShownCount } from '../../shared/suppression';
import { Alert } from '../components/Alert';
import { PageHeading } from '../components/PageHeading';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { TableRegion } from '../components/TableRegion';
import { BarChart, ChartWithTable, LineChart } from '../features/evaluation/Charts';
import { evaluationKeys, fetchEvaluationDashboard, kpiTableUrl } from '../features/evaluation/evaluation.api';
import { chartCount, formatCount, formatKroner, formatMean, formatShare } from '../features/evaluation/figures';
import type { MessageKey, Translate } from '../i18n/I18nProvider';
import { useI18n } from '../i18n/useT';
import { formatDate, todayIso } from '../lib/format';
import { exportUrl } from '../features/exchange/exchange.api';
import { useMe } from '../features/session/useMe';
import '../styles/evaluation.css';

type Dashboard = EvaluationDashboardDto;

/** A KPI's value as the card shows it: counts as counts ("<5" kept), shares as percentages, money in kroner. */
function measureText(key: KpiKey, measure: string, value: ShownCount | number | null, lang: Lang): string {
  if (value === null || typeof value === 'string') return formatCount(value);
  if (measure.toLowerCase().includes('share')) return formatShare(value, lang);
  if (key === 'costs') return formatKroner(value);
  if (measure.toLowerCase().includes('mean')) return formatMean(value, lang);
  return formatCount(value);
}

function KpiCards({ d, lang, t }: { d: Dashboard; lang: Lang; t: Translate }) {
  const rows = kpiTableRows(d.kpis, lang);
  return (
    <section className="section" aria-labelledby="kpi-heading">
      <h2 id="kpi-heading">{t('evaluation.kpisHeading')}</h2>
      <ul className="kpi-cards">
        {KPI_KEYS.map((key) => {
          const mine = rows.filter((r) => r.key === key);
          const text = KPI_TEXTS[key][lang];
          const n = mine[0]?.n ?? null;
          return (
            <li key={key} className="card kpi-card" data-kpi={key}>
              <h3>{text.label}</h3>
              <dl>
                {key !== 'families' && (
                  <>
                    <dt>{t('evaluation.n')}</dt>
                    <dd>{formatCount(n)}</dd>
                  </>
                )}
                {mine.map((r) => (
                  <Fragment key={r.measure}>
                    <dt>{r.measureLabel}</dt>
                    <dd>{measureText(key, r.measure, r.value, lang)}</dd>
                  </Fragment>
                ))}
              </dl>
              {mine[0]?.suppressed && <p className="small">{t('evaluation.groupHidden')}</p>}
              <p className="kpi-definition">{text.definition}</p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function SelfSupport({ d, lang, t }: { d: Dashboard; lang: Lang; t: Translate }) {
  const groups = (['all', 'mothers', 'fathers'] as const).map((g) => ({ name: t(`evaluation.group.${g}`), ...d.kpis.selfSupport[g] }));
  return (
    <ChartWithTable
      id="self-support"
      heading={t('evaluation.selfSupport.heading')}
      intro={<p className="muted">{KPI_TEXTS['selfSupport.all'][lang].definition}</p>}
      caption={t('evaluation.selfSupport.heading')}
      chart={
        <BarChart
          title={t('evaluation.selfSupport.chart')}
          categories={groups.map((g) => g.name)}
          max={100}
          series={[
            { name: t('evaluation.atEnrolment'), values: groups.map((g) => (g.baselineShare === null ? null : g.baselineShare * 100)), shown: groups.map((g) => formatShare(g.baselineShare, lang)) },
            { name: t('evaluation.after24'), values: groups.map((g) => (g.followUpShare === null ? null : g.followUpShare * 100)), shown: groups.map((g) => formatShare(g.followUpShare, lang)) },
          ]}
        />
      }
    >
      <thead>
        <tr>
          <th scope="col">{t('evaluation.group')}</th>
          <th scope="col" className="num">{t('evaluation.n')}</th>
          <th scope="col" className="num">{t('evaluation.atEnrolment')}</th>
          <th scope="col" className="num">{t('evaluation.after24')}</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.name}>
            <th scope="row">{g.name}</th>
            <td className="num">{formatCount(g.n)}</td>
            <td className="num">
              {formatCount(g.baseline)} ({formatShare(g.baselineShare, lang)})
            </td>
            <td className="num">
              {formatCount(g.followUp)} ({formatShare(g.followUpShare, lang)})
            </td>
          </tr>
        ))}
      </tbody>
    </ChartWithTable>
  );
}

function ChildIndicators({ d, lang, t }: { d: Dashboard; lang: Lang; t: Translate }) {
  const out = d.kpis.childrenOutOfSystem;
  const kinds = [
    { name: KPI_TEXTS.concernReports[lang].label, ...d.kpis.concernReports },
    { name: KPI_TEXTS.investigations[lang].label, ...d.kpis.investigations },
  ];
  const absence = d.kpis.schoolAbsence;
  return (
    <>
      <section className="section section-bordered" aria-labelledby="children-out-heading">
        <h2 id="children-out-heading">{KPI_TEXTS.childrenOutOfSystem[lang].label}</h2>
        <p className="muted">{KPI_TEXTS.childrenOutOfSystem[lang].definition}</p>
        <TableRegion id="children-out-caption" caption={KPI_TEXTS.childrenOutOfSystem[lang].label}>
          <thead>
            <tr>
              <th scope="col" className="num">{t('evaluation.childrenInCohort')}</th>
              <th scope="col" className="num">{t('evaluation.childrenOut')}</th>
              <th scope="col" className="num">{t('evaluation.share')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td className="num">{formatCount(out.n)}</td>
              <td className="num">{formatCount(out.out)}</td>
              <td className="num">{formatShare(out.share, lang)}</td>
            </tr>
          </tbody>
        </TableRegion>
      </section>
      <ChartWithTable
        id="before-after"
        heading={t('evaluation.beforeAfter.heading')}
        intro={<p className="muted">{KPI_TEXTS.concernReports[lang].definition}</p>}
        caption={t('evaluation.beforeAfter.heading')}
        chart={
          <BarChart
            title={t('evaluation.beforeAfter.heading')}
            categories={kinds.map((k) => k.name)}
            series={[
              { name: t('evaluation.before12'), values: kinds.map((k) => chartCount(k.before)), shown: kinds.map((k) => formatCount(k.before)) },
              { name: t('evaluation.after12'), values: kinds.map((k) => chartCount(k.after)), shown: kinds.map((k) => formatCount(k.after)) },
            ]}
          />
        }
      >
        <thead>
          <tr>
            <th scope="col">{t('evaluation.kind')}</th>
            <th scope="col" className="num">{t('evaluation.children')}</th>
            <th scope="col" className="num">{t('evaluation.before12')}</th>
            <th scope="col" className="num">{t('evaluation.after12')}</th>
          </tr>
        </thead>
        <tbody>
          {kinds.map((k) => (
            <tr key={k.name}>
              <th scope="row">{k.name}</th>
              <td className="num">{formatCount(k.n)}</td>
              <td className="num">{formatCount(k.before)}</td>
              <td className="num">{formatCount(k.after)}</td>
            </tr>
          ))}
        </tbody>
      </ChartWithTable>
      <ChartWithTable
        id="absence"
        heading={KPI_TEXTS.schoolAbsence[lang].label}
        intro={<p className="muted">{KPI_TEXTS.schoolAbsence[lang].definition}</p>}
        caption={KPI_TEXTS.schoolAbsence[lang].label}
        chart={
          <BarChart
            title={t('evaluation.absence.chart')}
            categories={[t('evaluation.absence.before'), t('evaluation.absence.latest')]}
            series={[{ name: t('evaluation.absence.mean'), values: [absence.beforeMean, absence.latestMean], shown: [formatMean(absence.beforeMean, lang), formatMean(absence.latestMean, lang)] }]}
          />
        }
      >
        <thead>
          <tr>
            <th scope="col" className="num">{t('evaluation.children')}</th>
            <th scope="col" className="num">{t('evaluation.absence.before')}</th>
            <th scope="col" className="num">{t('evaluation.absence.latest')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td className="num">{formatCount(absence.n)}</td>
            <td className="num">{formatMean(absence.beforeMean, lang)}</td>
            <td className="num">{formatMean(absence.latestMean, lang)}</td>
          </tr>
        </tbody>
      </ChartWithTable>
    </>
  );
}

function DepartmentCosts({ d, lang, t }: { d: Dashboard; lang: Lang; t: Translate }) {
  const rows = d.costsByDepartment;
  return (
    <ChartWithTable
      id="costs"
      heading={t('evaluation.costs.heading')}
      intro={<p className="muted">{KPI_TEXTS.costs[lang].definition} {t('evaluation.costs.perDepartment')}</p>}
      caption={t('evaluation.costs.heading')}
      chart={
        rows.length === 0 ? (
          <p>{t('evaluation.costs.none')}</p>
        ) : (
          <BarChart
            title={t('evaluation.costs.heading')}
            categories={rows.map((r) => r.departmentName)}
            series={[
              { name: t('evaluation.before12'), values: rows.map((r) => r.beforeMean), shown: rows.map((r) => formatKroner(r.beforeMean)) },
              { name: t('evaluation.during12'), values: rows.map((r) => r.duringMean), shown: rows.map((r) => formatKroner(r.duringMean)) },
            ]}
          />
        )
      }
    >
      <thead>
        <tr>
          <th scope="col">{t('evaluation.department')}</th>
          <th scope="col" className="num">{t('evaluation.costs.families')}</th>
          <th scope="col" className="num">{t('evaluation.before12')}</th>
          <th scope="col" className="num">{t('evaluation.during12')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.departmentId}>
            <th scope="row">{r.departmentName}</th>
            <td className="num">
              {formatCount(r.families)} / {formatCount(r.n)}
            </td>
            <td className="num">{formatKroner(r.beforeMean)}</td>
            <td className="num">{formatKroner(r.duringMean)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">{t('evaluation.costs.all')}</th>
          <td className="num">{formatCount(d.kpis.costs.n)}</td>
          <td className="num">{formatKroner(d.kpis.costs.beforeMean)}</td>
          <td className="num">{formatKroner(d.kpis.costs.duringMean)}</td>
        </tr>
      </tbody>
    </ChartWithTable>
  );
}

function Cohorts({ d, lang, t }: { d: Dashboard; lang: Lang; t: Translate }) {
  return (
    <section className="section section-bordered" aria-labelledby="cohorts-heading">
      <h2 id="cohorts-heading">{t('evaluation.cohorts.heading')}</h2>
      <p className="muted">{t('evaluation.cohorts.intro')}</p>
      <TableRegion id="cohorts-caption" caption={t('evaluation.cohorts.heading')}>
        <thead>
          <tr>
            <th scope="col">{t('evaluation.cohorts.quarter')}</th>
            <th scope="col" className="num">{t('evaluation.cohorts.enrolled')}</th>
            <th scope="col" className="num">{t('evaluation.cohorts.completed')}</th>
            <th scope="col" className="num">{t('evaluation.cohorts.closer')}</th>
            <th scope="col" className="num">{t('evaluation.cohorts.selfSupport')}</th>
            <th scope="col" className="num">{t('evaluation.cohorts.childrenOut')}</th>
          </tr>
        </thead>
        <tbody>
          {d.cohorts.map((c) => (
            <tr key={c.quarter}>
              <th scope="row">{c.quarter}</th>
              <td className="num">{formatCount(c.families.enrolled)}</td>
              <td className="num">{formatCount(c.families.completed)}</td>
              <td className="num">
                {formatShare(c.goalProgress.share, lang)} <span className="muted small">({t('evaluation.nOf', { n: formatCount(c.goalProgress.n) })})</span>
              </td>
              <td className="num">
                {formatShare(c.selfSupport.baselineShare, lang)} → {formatShare(c.selfSupport.followUpShare, lang)}{' '}
                <span className="muted small">({t('evaluation.nOf', { n: formatCount(c.selfSupport.n) })})</span>
              </td>
              <td className="num">
                {formatShare(c.childrenOutOfSystem.share, lang)} <span className="muted small">({t('evaluation.nOf', { n: formatCount(c.childrenOutOfSystem.n) })})</span>
              </td>
            </tr>
          ))}
        </tbody>
      </TableRegion>
    </section>
  );
}

function RatingTrend({ d, lang, t }: { d: Dashboard; lang: Lang; t: Translate }) {
  const points = d.ratingTrend;
  return (
    <ChartWithTable
      id="trend"
      heading={t('evaluation.trend.heading')}
      intro={<p className="muted">{t('evaluation.trend.intro')}</p>}
      caption={t('evaluation.trend.heading')}
      chart={
        points.length === 0 ? (
          <p>{t('evaluation.trend.none')}</p>
        ) : (
          <LineChart
            title={t('evaluation.trend.chart')}
            labels={points.map((p) => p.quarter)}
            values={points.map((p) => p.meanRating)}
            shown={points.map((p) => (p.suppressed ? formatCount(p.families) : formatMean(p.meanRating, lang)))}
            max={10}
          />
        )
      }
    >
      <thead>
        <tr>
          <th scope="col">{t('evaluation.trend.quarter')}</th>
          <th scope="col" className="num">{t('evaluation.trend.families')}</th>
          <th scope="col" className="num">{t('evaluation.trend.ratings')}</th>
          <th scope="col" className="num">{t('evaluation.trend.mean')}</th>
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.quarter}>
            <th scope="row">{p.quarter}</th>
            <td className="num">{formatCount(p.families)}</td>
            <td className="num">{formatCount(p.ratings)}</td>
            <td className="num">{formatMean(p.meanRating, lang)}</td>
          </tr>
        ))}
      </tbody>
    </ChartWithTable>
  );
}

function Experience({ d, lang, t }: { d: Dashboard; lang: Lang; t: Translate }) {
  const items = d.experience.map((e) => ({ ...e, name: t(`evaluation.experience.${e.item}` as MessageKey) }));
  return (
    <ChartWithTable
      id="experience"
      heading={t('evaluation.experience.heading')}
      intro={<p className="muted">{t('evaluation.experience.intro')}</p>}
      caption={t('evaluation.experience.heading')}
      chart={
        <BarChart
          title={t('evaluation.experience.chart')}
          categories={items.map((i) => i.name)}
          max={5}
          series={[{ name: t('evaluation.experience.mean'), values: items.map((i) => i.mean), shown: items.map((i) => formatMean(i.mean, lang)) }]}
        />
      }
    >
      <thead>
        <tr>
          <th scope="col">{t('evaluation.experience.item')}</th>
          <th scope="col" className="num">{t('evaluation.experience.families')}</th>
          <th scope="col" className="num">{t('evaluation.experience.mean')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.item}>
            <th scope="row">{i.name}</th>
            <td className="num">{formatCount(i.families)}</td>
            <td className="num">{formatMean(i.mean, lang)}</td>
          </tr>
        ))}
      </tbody>
    </ChartWithTable>
  );
}

/** Evaluering: the KPIs with their definitions, cohorts, costs by department and trends for one evaluation date. */
export function EvaluationPage() {
  const { t, lang } = useI18n();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const fromUrl = params.get('asOf');
  const asOf = fromUrl && isIsoDate(fromUrl) ? fromUrl : todayIso();
  const [draft, setDraft] = useState(asOf);
  const [dateError, setDateError] = useState(false);
  const dashboard = useQuery({ queryKey: evaluationKeys.dashboard(asOf), queryFn: () => fetchEvaluationDashboard(asOf), placeholderData: keepPreviousData });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!isIsoDate(draft)) {
      setDateError(true);
      return;
    }
    setDateError(false);
    setParams({ asOf: draft });
  };

  const d = dashboard.data;
  return (
    <>
      <PageHeading>{t('evaluation.title')}</PageHeading>
      <p className="lead">{t('evaluation.intro')}</p>
      <div className="evaluation-toolbar">
        <form onSubmit={onSubmit} noValidate aria-label={t('evaluation.asOfForm')}>
          <div className={`form-group${dateError ? ' form-error' : ''}`}>
            <label className="form-label" htmlFor="as-of">
              {t('evaluation.asOf')}
            </label>
            {dateError && (
              <span className="form-error-message" id="as-of-error">
                <span className="visually-hidden">{t('form.errorPrefix')} </span>
                {t('evaluation.asOfInvalid')}
              </span>
            )}
            <input
              id="as-of"
              className="form-input"
              type="date"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              aria-invalid={dateError || undefined}
              aria-describedby={dateError ? 'as-of-error' : undefined}
            />
          </div>
          <button type="submit" className="button button-primary">
            {t('evaluation.show')}
          </button>
        </form>
        <p className="button-row">
          <a className="button button-secondary" href={kpiTableUrl('csv', asOf)} download>
            {t('evaluation.downloadCsv')}
          </a>
          <a className="button button-secondary" href={kpiTableUrl('xlsx', asOf)} download>
            {t('evaluation.downloadXlsx')}
          </a>
        </p>
      </div>
      {dashboard.isPending ? (
        <Spinner label={t('evaluation.loading')} />
      ) : dashboard.isError ? (
        <QueryError error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : d ? (
        <div aria-busy={dashboard.isFetching}>
          {dashboard.isFetching && <Spinner label={t('evaluation.loading')} />}
          <p>
            {t('evaluation.asOfShown', { date: formatDate(d.asOf, lang) })} {d.exact ? t('evaluation.exactNote') : t('evaluation.suppressedNote')}
          </p>
          {d.kpis.families.enrolled === 0 ? (
            <div className="empty-state">
              <p>{t('evaluation.empty')}</p>
            </div>
          ) : (
            <>
              {d.kpis.families.suppressed && !d.exact && (
                <Alert variant="info">
                  <p>{t('evaluation.smallMunicipality')}</p>
                </Alert>
              )}
              <KpiCards d={d} lang={lang} t={t} />
              <SelfSupport d={d} lang={lang} t={t} />
              <ChildIndicators d={d} lang={lang} t={t} />
              <DepartmentCosts d={d} lang={lang} t={t} />
              <Cohorts d={d} lang={lang} t={t} />
              <RatingTrend d={d} lang={lang} t={t} />
              <Experience d={d} lang={lang} t={t} />
            </>
          )}
        </div>
      ) : null}
      {me?.can.exportPseudonymised && (
        <section aria-labelledby="extract-heading">
          <h2 id="extract-heading">{t('evaluation.extractHeading')}</h2>
          <p>{t('evaluation.extractText')}</p>
          <p className="button-row">
            <a className="button button-secondary" href={exportUrl(true)} download>
              {t('exchange.downloadPseudonymised')}
            </a>
          </p>
        </section>
      )}
    </>
  );
}
