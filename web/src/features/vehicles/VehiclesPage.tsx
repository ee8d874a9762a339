import { Alert, Button, Group, SimpleGrid, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth/use-session.ts';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';
import { useVehicles } from './api.ts';
import { VehicleCard } from './VehicleCard.tsx';

/** "Mes véhicules": the list, and the way to add one. */
export function VehiclesPage() {
  const { t } = useTranslation('vehicles');
  const { t: common } = useTranslation('common');
  const vehicles = useVehicles();
  const me = useMe();
  const saved = useLocation().state as { added?: string; updated?: string } | null;
  const items = vehicles.data?.pages.flatMap((p) => p.items) ?? [];
  const canAdd = me.data?.role === 'owner' || me.data?.role === 'pro';
  return (
    <>
      <Group justify="space-between" align="center" wrap="wrap" mb="md">
        <PageTitle mb={0}>{t(me.data?.role === 'pro' ? 'navPro' : 'title')}</PageTitle>
        {canAdd && (
          <Button component={Link} to="/vehicles/new">
            {t('add')}
          </Button>
        )}
      </Group>
      {(saved?.added || saved?.updated) && (
        <Alert color="green" variant="light" role="status" mb="md">
          {t(saved.added ? 'added' : 'updated')}
        </Alert>
      )}
      {vehicles.isPending && <Loading />}
      {vehicles.isError && <ProblemAlert error={vehicles.error} onRetry={() => void vehicles.refetch()} />}
      {vehicles.isSuccess && items.length === 0 && <Text>{t('empty')}</Text>}
      {items.length > 0 && (
        <>
          <Text size="sm" c="dimmed" mb="sm">
            {t('count', { count: items.length })}
          </Text>
          <SimpleGrid component="ul" cols={{ base: 1, sm: 2, lg: 3 }} p={0} m={0} style={{ listStyle: 'none' }}>
            {items.map((v) => (
              <VehicleCard key={v.id} vehicle={v} />
            ))}
          </SimpleGrid>
        </>
      )}
      {vehicles.hasNextPage && (
        <Button variant="default" mt="md" loading={vehicles.isFetchingNextPage} onClick={() => void vehicles.fetchNextPage()}>
          {common('loadMore')}
        </Button>
      )}
    </>
  );
}
