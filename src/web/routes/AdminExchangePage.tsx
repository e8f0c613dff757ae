import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { EXCHANGE_KINDS } from '../../shared/exchange/exchange';
import type { ImportJobDto } from '../../shared/exchange/import-jobs';
import { ApiError } from '../api/client';
import { Alert } from '../components/Alert';
import { ErrorText } from '../components/ErrorText';
import { PageHeading } from '../components/PageHeading';
import { QueryError } from '../components/QueryError';
import { SubmitButton } from '../components/SubmitButton';
import { TableRegion } from '../components/TableRegion';
import { exchangeKeys, exportUrl, fetchImportJob, isFinished, startImport } from '../features/exchange/exchange.api';
import type { MessageKey } from '../i18n/I18nProvider';
import { useI18n } from '../i18n/useT';
import { AdminNav } from '../features/admin/AdminNav';

/** The status of one import: progress while it runs, then counts per kind or every problem with its JSON pointer. */
function ImportStatus({ jobId }: { jobId: string }) {
  const { t, lang } = useI18n();
  const job = useQuery({
    queryKey: exchangeKeys.job(jobId),
    queryFn: () => fetchImportJob(jobId),
    refetchInterval: (q) => (isFinished(q.state.data) ? false : 1000),
  });
  if (job.isError) return <QueryError error={job.error} onRetry={() => void job.refetch()} />;
  const d: ImportJobDto | undefined = job.data;
  if (!d || d.status === 'queued' || d.status === 'running') {
    const done = d?.progress.done ?? 0;
    const total = d?.progress.total ?? 0;
    return (
      <div role="status" className="exchange-progress">
        <p>{d?.status === 'running' ? t('exchange.running', { done, total }) : t('exchange.queued')}</p>
        <progress max={Math.max(total, 1)} value={done} aria-label={t('exchange.progressLabel')} />
      </div>
    );
  }
  if (d.status === 'succeeded' && d.counts) {
    const counts = d.counts;
    return (
      <>
        <Alert variant="success" heading={t('exchange.succeeded')} live="status">
          <p>{t('exchange.succeededText', { total: d.progress.total })}</p>
        </Alert>
        <TableRegion id="exchange-counts" caption={t('exchange.countsCaption')}>
          <thead>
            <tr>
              <th scope="col">{t('exchange.kind')}</th>
              <th scope="col" className="numeric">{t('exchange.created')}</th>
              <th scope="col" className="numeric">{t('exchange.updated')}</th>
              <th scope="col" className="numeric">{t('exchange.unchanged')}</th>
              <th scope="col" className="numeric">{t('exchange.removed')}</th>
            </tr>
          </thead>
          <tbody>
            {EXCHANGE_KINDS.map((k) => (
              <tr key={k}>
                <th scope="row">{t(`exchange.kind.${k}` as MessageKey)}</th>
                <td className="numeric">{counts[k].created}</td>
                <td className="numeric">{counts[k].updated}</td>
                <td className="numeric">{counts[k].unchanged}</td>
                <td className="numeric">{counts[k].removed}</td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      </>
    );
  }
  if (d.failure) {
    return (
      <Alert variant="error" heading={t('exchange.failed')} live="alert">
        <p>
          {d.failure.message}
          {d.failure.errorId && (
            <>
              {' '}
              {t('error.errorId')} <code>{d.failure.errorId}</code>
            </>
          )}
        </p>
      </Alert>
    );
  }
  return (
    <>
      <Alert variant="error" heading={t('exchange.failed')} live="alert">
        <p>{t('exchange.problemsText', { count: d.problems.length })}</p>
      </Alert>
      <TableRegion id="exchange-problems" caption={t('exchange.problemsCaption')}>
        <thead>
          <tr>
            <th scope="col">{t('exchange.pointer')}</th>
            <th scope="col">{t('exchange.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {d.problems.map((p, i) => (
            <tr key={`${p.pointer}-${i}`}>
              <td>
                <code>{p.pointer || '/'}</code>
              </td>
              <td>{lang === 'en' ? p.en : p.da}</td>
            </tr>
          ))}
        </tbody>
      </TableRegion>
    </>
  );
}

function ImportForm() {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({ mutationFn: startImport, onSuccess: (r) => setJobId(r.jobId) });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setFileError(null);
    start.reset();
    setJobId(null);
    const file = input.current?.files?.[0];
    if (!file) return setFileError(t('exchange.chooseFile'));
    let doc: unknown;
    try {
      doc = JSON.parse(await file.text());
    } catch {
      return setFileError(t('exchange.notJson'));
    }
    start.mutate(doc);
  };

  const apiProblems = start.error instanceof ApiError ? start.error.problems.filter((p) => p.message) : [];
  return (
    <>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className={fileError ? 'form-group form-error' : 'form-group'}>
          <label className="form-label" htmlFor="exchange-file">
            {t('exchange.fileLabel')}
          </label>
          <span className="form-hint" id="exchange-file-hint">
            {t('exchange.fileHint')}
          </span>
          {fileError && (
            <span className="form-error-message" id="exchange-file-error">
              <span className="visually-hidden">{t('form.errorPrefix')} </span>
              {fileError}
            </span>
          )}
          <input
            ref={input}
            id="exchange-file"
            name="file"
            type="file"
            accept="application/json,.json"
            className="form-input"
            aria-describedby={fileError ? 'exchange-file-hint exchange-file-error' : 'exchange-file-hint'}
            aria-invalid={fileError ? true : undefined}
          />
        </div>
        <div className="form-actions">
          <SubmitButton pending={start.isPending}>{t('exchange.import')}</SubmitButton>
        </div>
      </form>
      {start.isError && (
        <Alert variant="error" heading={t('exchange.refused')} live="alert">
          <p>
            <ErrorText error={start.error} />
          </p>
          {apiProblems.length > 0 && (
            <ul>
              {apiProblems.map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      {jobId && <ImportStatus jobId={jobId} />}
    </>
  );
}

/** Dataudveksling: import a helhed-exchange file and download the municipality's data, in clear or pseudonymised. */
export function AdminExchangePage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading>{t('exchange.title')}</PageHeading>
      <AdminNav />
      <div className="page-narrow">
        <p>{t('exchange.intro')}</p>
        <h2>{t('exchange.importHeading')}</h2>
        <p>{t('exchange.importIntro')}</p>
        <ImportForm />
        <h2>{t('exchange.exportHeading')}</h2>
        <p>{t('exchange.exportIntro')}</p>
        <p className="button-row">
          <a className="button button-secondary" href={exportUrl(true)} download>
            {t('exchange.downloadPseudonymised')}
          </a>
          <a className="button button-secondary" href={exportUrl(false)} download>
            {t('exchange.downloadClear')}
          </a>
        </p>
        <p className="form-hint">{t('exchange.clearWarning')}</p>
      </div>
    </>
  );
}
