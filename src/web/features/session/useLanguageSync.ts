import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { MeDto } from '../../../shared/auth';
import type { Lang } from '../../../shared/i18n';
import { storedLanguage } from '../../i18n/I18nProvider';
import { useI18n } from '../../i18n/useT';
import { putLanguage, sessionKeys } from './session.api';
import { isFullySignedIn, useMe } from './useMe';

/** Saves the language on the user's profile, so the server speaks it too; keeps the cached /me in step. */
export function useSaveLanguage() {
  const queryClient = useQueryClient();
  return async (me: MeDto | null | undefined, lang: Lang) => {
    if (!isFullySignedIn(me) || me.user.language === lang) return;
    try {
      await putLanguage(lang);
      queryClient.setQueryData<MeDto | null>(sessionKeys.me, (old) => (old ? { ...old, user: { ...old.user, language: lang } } : old));
    } catch {
      // The choice still holds in this browser; the profile catches up at the next switch.
    }
  };
}

/**
 * On sign-in: a language chosen in this browser wins and is saved on the profile;
 * without one, the profile's language is used.
 */
export function useLanguageSync(): void {
  const { data: me } = useMe();
  const { lang, setLang } = useI18n();
  const saveLanguage = useSaveLanguage();
  const handledFor = useRef<string | null>(null);

  useEffect(() => {
    if (!isFullySignedIn(me)) {
      if (!me) handledFor.current = null;
      return;
    }
    if (handledFor.current === me.user.id) return;
    handledFor.current = me.user.id;
    const chosen = storedLanguage();
    if (chosen === null) {
      if (me.user.language !== lang) setLang(me.user.language, false);
    } else {
      void saveLanguage(me, chosen);
    }
  }, [me, lang, setLang, saveLanguage]);
}
