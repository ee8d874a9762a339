import { Alert, Button, FileInput, Paper, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScrollRegion } from './ScrollRegion.tsx';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';
import { type Firmware, useAuditVerification, useFirmwares, useUploadFirmware } from './api.ts';

const hex = (n: number) => `0x${n.toString(16).toUpperCase().padStart(4, '0')}`;
const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

function FirmwareCard({ f }: { f: Firmware }) {
  const { t } = useTranslation('flash');
  return (
    <Paper component="li" withBorder p="sm">
      <Text fw={500}>{f.make} → {f.toSoftware} · {f.format} · {f.size} o · CRC-32 {hex(f.crc32)}</Text>
      <Text size="sm">{f.ecuHardware.join(', ')} · {f.fromSoftware.join(', ')}</Text>
      <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>SHA-256 {f.sha256}</Text>
      <ScrollRegion label={t('segments')}>
        <Table>
          <Table.Caption>{t('segments')}</Table.Caption>
          <Table.Thead><Table.Tr><Table.Th>{t('address')}</Table.Th><Table.Th>{t('length')}</Table.Th><Table.Th>SHA-256</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {f.segments.map((s) => (
              <Table.Tr key={s.address}>
                <Table.Td ff="monospace">{hex(s.address)}</Table.Td>
                <Table.Td>{s.length}</Table.Td>
                <Table.Td><Text ff="monospace" size="xs">{s.sha256.slice(0, 24)}…</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
      <Text size="xs" c="dimmed" mt="xs" style={{ wordBreak: 'break-all' }}>{t('signature')} : {f.signature}</Text>
    </Paper>
  );
}

/** The admin's firmware catalogue (upload with metadata; segments, hashes, signature) and the audit chain's verification. */
export function FirmwareCataloguePage() {
  const { t } = useTranslation('flash');
  const firmwares = useFirmwares();
  const upload = useUploadFirmware();
  const verification = useAuditVerification();
  const [file, setFile] = useState<File | null>(null);
  const [make, setMake] = useState('');
  const [hardware, setHardware] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [notes, setNotes] = useState('');
  const [base, setBase] = useState('');
  return (
    <>
      <PageTitle>{t('catalogueTitle')}</PageTitle>
      <Title order={2} size="h3" mb="sm">{t('verification')}</Title>
      {verification.isPending && <Loading />}
      {verification.isError && <ProblemAlert error={verification.error} />}
      {verification.data && (
        <Alert color={verification.data.ok ? 'green' : 'red'} role="status" mb="md" maw={720}>
          {verification.data.ok ? t('chainOk', { count: verification.data.count }) : t('chainBroken', { seq: verification.data.brokenAt, reason: verification.data.reason })}
        </Alert>
      )}
      <Title order={2} size="h3" mb="sm">{t('upload')}</Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!file) return;
          const metadata = { make, ecuHardware: list(hardware), fromSoftware: list(from), toSoftware: to, notes, ...(base.trim() ? { baseAddress: Number(base.trim()) } : {}) };
          upload.mutate({ file, metadata });
        }}
      >
        <Stack maw={560} gap="sm">
          <FileInput label={t('file')} value={file} onChange={setFile} required />
          <TextInput label={t('make')} value={make} onChange={(e) => setMake(e.currentTarget.value)} required maxLength={64} />
          <TextInput label={t('hardwareList')} value={hardware} onChange={(e) => setHardware(e.currentTarget.value)} required />
          <TextInput label={t('fromList')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} required />
          <TextInput label={t('toSoftware')} value={to} onChange={(e) => setTo(e.currentTarget.value)} required maxLength={64} />
          <TextInput label={t('baseAddress')} value={base} onChange={(e) => setBase(e.currentTarget.value)} />
          <Textarea label={t('notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} maxLength={2000} />
          <div><Button type="submit" loading={upload.isPending} disabled={!file}>{t('send')}</Button></div>
        </Stack>
      </form>
      {upload.isError && <ProblemAlert error={upload.error} />}
      <Title order={2} size="h3" mt="xl" mb="sm">{t('catalogueTitle')}</Title>
      {firmwares.isPending && <Loading />}
      {firmwares.isError && <ProblemAlert error={firmwares.error} />}
      {firmwares.isSuccess && firmwares.data.items.length === 0 && <Text>{t('noFirmware')}</Text>}
      <Stack component="ul" p={0} m={0} gap="sm" style={{ listStyle: 'none' }}>
        {firmwares.data?.items.map((f) => <FirmwareCard key={f.id} f={f} />)}
      </Stack>
    </>
  );
}
