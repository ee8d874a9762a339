import { Anchor, Paper, SimpleGrid, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/i18n/format.ts';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';
import { useVehicle } from './api.ts';
import { Plate } from './Plate.tsx';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} fw={500}>
        {children}
      </Text>
    </div>
  );
}

/** One vehicle: its identifiers and when it was added (Paris time). */
export function VehicleDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('vehicles');
  const format = useFormat();
  const vehicle = useVehicle(id);
  return (
    <>
      <Anchor component={Link} to="/vehicles" size="sm">
        ← {t('backToList')}
      </Anchor>
      {vehicle.isPending && <Loading />}
      {vehicle.isError && <ProblemAlert error={vehicle.error} />}
      {vehicle.data && (
        <>
          <PageTitle>{t('detailTitle', { make: vehicle.data.make, model: vehicle.data.model })}</PageTitle>
          <Paper withBorder p="md" maw={640}>
            <SimpleGrid component="dl" cols={{ base: 1, xs: 2 }} m={0}>
              <Fact label={t('plate')}>
                <Plate plate={vehicle.data.plate} />
              </Fact>
              <Fact label={t('vin')}>
                <Text span ff="monospace">
                  {vehicle.data.vin}
                </Text>
              </Fact>
              <Fact label={t('make')}>{vehicle.data.make}</Fact>
              <Fact label={t('model')}>{vehicle.data.model}</Fact>
              <Fact label={t('year')}>{vehicle.data.year}</Fact>
              <Fact label={t('createdAt')}>{format.dateTime(vehicle.data.created_at)}</Fact>
            </SimpleGrid>
          </Paper>
        </>
      )}
    </>
  );
}
