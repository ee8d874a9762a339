import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import classes from './Plate.module.css';

/** A registration number drawn like a French plate (the words "Plaque" are read out first). */
export function Plate({ plate }: { plate: string }) {
  const { t } = useTranslation('vehicles');
  return (
    <Text component="span" className={classes.plate} aria-label={`${t('plate')} ${plate}`}>
      {plate}
    </Text>
  );
}
