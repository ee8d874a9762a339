import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, FileButton, Group, Loader, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCodeText } from '../../app/api/problem-text.ts';
import { showProblemOnFields } from '../../app/forms/problem-fields.ts';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';
import { useSaveVehicleByVin } from '../vehicles/api.ts';
import { maxModelYear, type VehicleFormInput, type VehicleFormOutput, vehicleSchema } from '../vehicles/vehicle-schema.ts';
import { type OcrDocument, useReadCertificate } from './api.ts';
import { FieldBoxes } from './FieldBoxes.tsx';

const ACCEPT = 'application/pdf,image/png,image/jpeg';
const MAX_BYTES = 10 * 1024 * 1024;
const FIELDS = ['vin', 'plate', 'make', 'model', 'year'] as const;
const FIELD_OF_CODE = { VIN_INVALID: 'vin', PLATE_INVALID: 'plate', YEAR_INVALID: 'year' } as const;
const STATUS_COLOR = { readable: 'green', to_verify: 'yellow', blurry: 'orange', not_a_certificate: 'red' } as const;

/** "Ajouter un véhicule" from a photo of the registration certificate: read, check, save. */
export function ScanCertificatePage() {
  const { t } = useTranslation('ocr');
  const [readKey, setReadKey] = useState(() => crypto.randomUUID());
  const [file, setFile] = useState<File | null>(null);
  const read = useReadCertificate(readKey);
  const problem = file && file.size > MAX_BYTES ? t('tooLarge') : file && !ACCEPT.split(',').includes(file.type) ? t('wrongType') : null;
  const restart = () => {
    read.reset();
    setFile(null);
    setReadKey(crypto.randomUUID());
  };

  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      {read.data ? (
        <ReadCertificate document={read.data} onAgain={restart} />
      ) : (
        <Stack maw={640}>
          <Text>{t('intro')}</Text>
          <Group>
            <FileButton onChange={setFile} accept="image/*" capture="environment">
              {(props) => <Button {...props}>{t('camera')}</Button>}
            </FileButton>
            <FileButton onChange={setFile} accept={ACCEPT}>
              {(props) => (
                <Button variant="default" {...props}>
                  {t('choose')}
                </Button>
              )}
            </FileButton>
          </Group>
          {file && <Text size="sm">{t('chosen', { name: file.name })}</Text>}
          {problem && <Alert color="red">{problem}</Alert>}
          {read.isError && <ProblemAlert error={read.error} />}
          {read.isPending ? (
            <Group role="status" aria-live="polite">
              <Loader size="sm" />
              <Text>{t('reading')}</Text>
            </Group>
          ) : (
            <Button onClick={() => file && read.mutate(file)} disabled={!file || problem !== null} w="fit-content">
              {t('read')}
            </Button>
          )}
        </Stack>
      )}
    </>
  );
}

/** What was read: the boxes over the image, the warnings, and the vehicle form to confirm. */
function ReadCertificate({ document, onAgain }: { document: OcrDocument; onAgain: () => void }) {
  const { t } = useTranslation('ocr');
  const { t: tv } = useTranslation('vehicles');
  const { t: common } = useTranslation('common');
  const codeText = useCodeText();
  const navigate = useNavigate();
  // Created, or updated when the owner registered this VIN before (a new plate, a corrected model).
  const save = useSaveVehicleByVin();
  const n = document.normalized;
  const form = useForm<VehicleFormInput, unknown, VehicleFormOutput>({
    resolver: zodResolver(vehicleSchema),
    defaultValues: { vin: n.vin ?? '', plate: n.plate ?? '', make: n.make ?? '', model: n.model ?? '', year: n.firstRegistrationDate?.slice(0, 4) ?? '' },
  });
  const submit = form.handleSubmit((v) =>
    save.mutate(v, {
      onSuccess: ({ vehicle, created }) => void navigate('/vehicles', { state: created ? { added: vehicle.id } : { updated: vehicle.id } }),
      onError: (error) => {
        const fields = { fields: FIELDS, fieldOfCode: FIELD_OF_CODE, message: (code: string) => codeText(code), invalidField: common('fieldInvalid') };
        if (showProblemOnFields(error, form.setError, fields)) save.reset();
      },
    }),
  );
  const errors = form.formState.errors;
  const err = (e?: { message?: string; type?: string }) => (e?.message ? (e.type === 'server' ? e.message : tv(e.message, { max: maxModelYear() })) : undefined);
  const labels = t('field', { returnObjects: true }) as Record<string, string>;
  const warningText = (w: OcrDocument['warnings'][number]) => {
    const label = w.field ? (labels[w.field] ?? t('fieldCode', { code: w.field })) : '';
    return t(`warning.${w.code}`, { label, raw: w.field ? (document.fields[w.field]?.raw ?? '') : '', defaultValue: w.message });
  };
  return (
    <Stack>
      <Alert color={STATUS_COLOR[document.status]} data-testid="ocr-status">
        {/* The status in the body's colour: Mantine's tinted titles are too pale to read on yellow. */}
        <Text fw={700}>{t(`status.${document.status}`)}</Text>
        {document.warnings.length > 0 && (
          <Stack gap={4} component="ul" m={0} pl="md">
            {document.warnings.map((w) => (
              <Text component="li" key={`${w.code}-${w.field ?? ''}`} size="sm">
                {warningText(w)}
              </Text>
            ))}
          </Stack>
        )}
      </Alert>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <Stack>
          <Title order={2} size="h4">
            {t('readTitle')}
          </Title>
          <FieldBoxes document={document} alt={t('imageAlt')} labels={labels} />
          {n.holderName && <Text size="sm">{`${t('holder')} : ${n.holderName}`}</Text>}
          {n.firstRegistrationDate && <Text size="sm">{`${t('firstRegistration')} : ${n.firstRegistrationDate.split('-').reverse().join('/')}`}</Text>}
        </Stack>
        <form noValidate onSubmit={submit}>
          <Stack>
            <Text>{t('confirm')}</Text>
            <TextInput label={tv('plate')} required autoCapitalize="characters" spellCheck={false} error={err(errors.plate)} {...form.register('plate')} />
            <TextInput label={tv('vin')} description={tv('vinHint')} required autoCapitalize="characters" spellCheck={false} error={err(errors.vin)} {...form.register('vin')} />
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <TextInput label={tv('make')} required error={err(errors.make)} {...form.register('make')} />
              <TextInput label={tv('model')} required error={err(errors.model)} {...form.register('model')} />
            </SimpleGrid>
            <TextInput label={tv('year')} required inputMode="numeric" maw={200} error={err(errors.year)} {...form.register('year')} />
            {save.isError && <ProblemAlert error={save.error} />}
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('save')}
              </Button>
              <Button variant="default" onClick={onAgain}>
                {t('again')}
              </Button>
            </Group>
          </Stack>
        </form>
      </SimpleGrid>
    </Stack>
  );
}
