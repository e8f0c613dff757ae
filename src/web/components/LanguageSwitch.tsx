import { LANGS, type Lang } from '../../shared/i18n';
import { useSaveLanguage } from '../features/session/useLanguageSync';
import { useMe } from '../features/session/useMe';
import { useI18n } from '../i18n/useT';

const NATIVE_NAMES: Record<Lang, string> = { da: 'Dansk', en: 'English' };

/** Dansk / English, each name in its own language; the choice is remembered and saved on the profile. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const { data: me } = useMe();
  const saveLanguage = useSaveLanguage();
  return (
    <div className="language-switch" role="group" aria-label={t('header.language')}>
      {LANGS.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={option === lang}
          onClick={() => {
            setLang(option);
            void saveLanguage(me, option);
          }}
        >
          {NATIVE_NAMES[option]}
        </button>
      ))}
    </div>
  );
}
