import { useTranslation } from 'react-i18next';
import classes from './SkipLink.module.css';

/** The first stop of the keyboard: jumps over the header and navigation to the page. */
export function SkipLink() {
  const { t } = useTranslation('common');
  return (
    <a href="#main" className={classes.skip}>
      {t('skipToContent')}
    </a>
  );
}
