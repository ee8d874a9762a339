import { Anchor, Paper, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Vehicle } from './api.ts';
import { Plate } from './Plate.tsx';

/** One vehicle of the list: its plate, what it is, a link to its page. */
export function VehicleCard({ vehicle }: { vehicle: Vehicle }) {
  const { t } = useTranslation('vehicles');
  return (
    <Paper withBorder p="md" component="li">
      <Plate plate={vehicle.plate} />
      <Anchor component={Link} to={`/vehicles/${vehicle.id}`} fw={600} display="block" mt="xs">
        {t('vehicle', { make: vehicle.make, model: vehicle.model, year: vehicle.year })}
      </Anchor>
      <Text size="sm" c="dimmed" ff="monospace">
        {vehicle.vin}
      </Text>
    </Paper>
  );
}
