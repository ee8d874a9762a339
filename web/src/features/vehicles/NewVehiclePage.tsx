import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCodeText } from '../../app/api/problem-text.ts';
import { showProblemOnFields } from '../../app/forms/problem-fields.ts';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';
import { useAddVehicle } from './api.ts';
import { maxModelYear, vehicleSchema, type VehicleFormInput, type VehicleFormOutput } from './vehicle-schema.ts';

const FIELDS = ['vin', 'plate', 'make', 'model', 'year'] as const;
const FIELD_OF_CODE = { VIN_INVALID: 'vin', VEHICLE_EXISTS: 'vin', PLATE_INVALID: 'plate', YEAR_INVALID: 'year' } as const;

/** Adds a vehicle by VIN and plate, checked as the API checks them before anything is sent. */
export function NewVehiclePage() {
  const { t } = useTranslation('vehicles');
  const { t: common } = useTranslation('common');
  const codeText = useCodeText();
  const navigate = useNavigate();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const add = useAddVehicle(idempotencyKey);
  const form = useForm<VehicleFormInput, unknown, VehicleFormOutput>({
    resolver: zodResolver(vehicleSchema),
    defaultValues: { vin: '', plate: '', make: '', model: '', year: '' },
  });
  const submit = form.handleSubmit((v) =>
    add.mutate(v, {
      onSuccess: (vehicle) => void navigate('/vehicles', { state: { added: vehicle.id } }),
      onError: (error) => {
        const fields = { fields: FIELDS, fieldOfCode: FIELD_OF_CODE, message: (code: string) => codeText(code), invalidField: common('fieldInvalid') };
        if (showProblemOnFields(error, form.setError, fields)) add.reset();
      },
    }),
  );
  const errors = form.formState.errors;
  const err = (e?: { message?: string; type?: string }) => (e?.message ? (e.type === 'server' ? e.message : t(e.message, { max: maxModelYear() })) : undefined);
  return (
    <>
      <PageTitle>{t('newTitle')}</PageTitle>
      <Paper withBorder p="md" mb="lg" maw={640}>
        <Stack gap="sm" align="flex-start">
          <Text>{t('scanOffer')}</Text>
          <Button component={Link} to="/vehicles/scan" variant="light">
            {t('scan')}
          </Button>
        </Stack>
      </Paper>
      <form noValidate onSubmit={submit} style={{ maxWidth: 640 }}>
        <Stack>
          <TextInput label={t('vin')} description={t('vinHint')} required autoCapitalize="characters" spellCheck={false} error={err(errors.vin)} {...form.register('vin')} />
          <TextInput label={t('plate')} description={t('plateHint')} required autoCapitalize="characters" spellCheck={false} error={err(errors.plate)} {...form.register('plate')} />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput label={t('make')} required error={err(errors.make)} {...form.register('make')} />
            <TextInput label={t('model')} required error={err(errors.model)} {...form.register('model')} />
          </SimpleGrid>
          <TextInput label={t('year')} required inputMode="numeric" maw={200} error={err(errors.year)} {...form.register('year')} />
          {add.isError && <ProblemAlert error={add.error} />}
          <Group>
            <Button type="submit" loading={add.isPending}>
              {t('save')}
            </Button>
            <Button component={Link} to="/vehicles" variant="default">
              {t('cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
