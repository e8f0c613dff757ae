import { useContext } from 'react';
import { I18nContext, type I18nContextValue } from './I18nProvider';

/** The translation function, the current language and the setter. */
export function useI18n(): I18nContextValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}

/** The translation function for the current language: `t('login.title')`. */
export function useT(): I18nContextValue['t'] {
  return useI18n().t;
}
