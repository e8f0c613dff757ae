import { createContext, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { LANGS, type Lang } from '../../shared/i18n';
import { setApiLanguage } from '../api/client';
import da from './da.json';
import en from './en.json';

export type MessageKey = keyof typeof da;
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const CATALOGUES: Record<Lang, Record<string, string>> = { da, en };

/** Where the language chosen in this browser is kept; absent means "not chosen yet". */
export const LANG_STORAGE_KEY = 'helhed.lang';

export function storedLanguage(): Lang | null {
  try {
    const value = window.localStorage.getItem(LANG_STORAGE_KEY);
    return LANGS.find((l) => l === value) ?? null;
  } catch {
    return null;
  }
}

/** Whether a key computed at run time (e.g. from an audit action code) has a message. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(da, key);
}

/** Replaces {name} placeholders; unknown placeholders are left as they are. */
export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  return interpolate(CATALOGUES[lang][key] ?? CATALOGUES.da[key] ?? key, vars);
}

export interface I18nContextValue {
  lang: Lang;
  t: Translate;
  /** Sets the language; `remember` stores it as this browser's explicit choice. */
  setLang: (lang: Lang, remember?: boolean) => void;
}

export const I18nContext = createContext<I18nContextValue | null>(null);

export function I18nProvider({ children, initialLang }: { children: ReactNode; initialLang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => initialLang ?? storedLanguage() ?? 'da');

  // The API client must know the language before the first request is sent.
  setApiLanguage(lang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang, remember = true) => {
    if (remember) {
      try {
        window.localStorage.setItem(LANG_STORAGE_KEY, next);
      } catch {
        // Private mode or storage disabled: the choice lasts for this visit only.
      }
    }
    setApiLanguage(next);
    setLangState(next);
  }, []);

  const value = useMemo<I18nContextValue>(() => ({ lang, setLang, t: (key, vars) => translate(lang, key, vars) }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
