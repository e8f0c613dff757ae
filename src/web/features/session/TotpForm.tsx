import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { TotpCodeBody } from '../../../shared/auth';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/FormField';
import { SubmitButton } from '../../components/SubmitButton';
import { useT } from '../../i18n/useT';
import { useFormErrors } from '../forms/useFormErrors';
import { pendingStep } from './guards';
import { postMfaVerify } from './session.api';
import { useReturnPath } from './useLoginNotice';
import { useRefreshSession } from './useRefreshSession';

/** The six-digit code from the authenticator app; on success the login continues. */
export function TotpForm({ formId, submitLabel }: { formId: string; submitLabel: string }) {
  const t = useT();
  const navigate = useNavigate();
  const returnPath = useReturnPath();
  const refreshSession = useRefreshSession();
  const form = useFormErrors(formId);
  const [code, setCode] = useState('');

  const verify = useMutation({
    mutationFn: postMfaVerify,
    onSuccess: async () => {
      const me = await refreshSession();
      if (!me) return navigate('/login', { replace: true });
      navigate(pendingStep(me) ?? returnPath ?? '/', { replace: true });
    },
    onError: (error) => {
      setCode('');
      form.failFromApi(error, 'code');
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = TotpCodeBody.safeParse({ code: code.replace(/\s+/g, '') });
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    verify.mutate(parsed.data.code);
  };

  return (
    <>
      <ErrorSummary form={form} fields={[['code', t('mfa.code')]]} />
      <form onSubmit={onSubmit} noValidate>
        <TextField
          form={form}
          path="code"
          label={t('mfa.code')}
          hint={t('mfa.codeHint')}
          value={code}
          onChange={setCode}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          maxLength={7}
          spellCheck={false}
          className="form-input-code"
        />
        <div className="form-actions">
          <SubmitButton pending={verify.isPending}>{submitLabel}</SubmitButton>
        </div>
      </form>
    </>
  );
}
