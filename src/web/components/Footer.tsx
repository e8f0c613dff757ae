import { useT } from '../i18n/useT';

export function Footer() {
  const t = useT();
  return (
    <footer className="footer">
      <div className="container">
        <p>{t('footer.text')}</p>
      </div>
    </footer>
  );
}
