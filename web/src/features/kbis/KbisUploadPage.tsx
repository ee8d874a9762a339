import { Alert, Anchor, Button, FileButton, Group, Paper, Stack, Text } from '@mantine/core';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useFormat } from '../../app/i18n/format.ts';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';
import { useMyVerifications, useSubmitKbis } from './api.ts';

const ACCEPT = 'application/pdf,image/png,image/jpeg';
const MAX_BYTES = 10 * 1024 * 1024;

/** The pro sends its Kbis: drag and drop, a file, or the phone's camera. */
export function KbisUploadPage() {
  const { t } = useTranslation('kbis');
  const format = useFormat();
  const navigate = useNavigate();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [file, setFile] = useState<File | null>(null);
  const [hover, setHover] = useState(false);
  const submit = useSubmitKbis(idempotencyKey);
  const mine = useMyVerifications();
  const problem = file && file.size > MAX_BYTES ? t('tooLarge') : file && !ACCEPT.split(',').includes(file.type) ? t('wrongType') : null;

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setHover(false);
    setFile(e.dataTransfer.files[0] ?? null);
  };
  // `sent`: the status page shows the 202's "pending" at once, before its first answer.
  const send = () => file && submit.mutate(file, { onSuccess: ({ id }) => navigate(`/kbis/verifications/${id}`, { state: { sent: true } }) });

  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <Stack maw={640}>
        <Text>{t('intro')}</Text>
        <Paper
          withBorder
          p="xl"
          data-testid="kbis-dropzone"
          onDragOver={(e) => {
            e.preventDefault();
            setHover(true);
          }}
          onDragLeave={() => setHover(false)}
          onDrop={onDrop}
          style={{ borderStyle: 'dashed', borderWidth: 2, background: hover ? 'var(--mantine-color-blue-0)' : undefined }}
        >
          <Stack align="center" gap="xs">
            <Text fw={500}>{t('drop')}</Text>
            <Text size="sm" c="dimmed">
              {t('dropHint')}
            </Text>
            <Group justify="center">
              <FileButton onChange={setFile} accept={ACCEPT}>
                {(props) => (
                  <Button variant="default" {...props}>
                    {t('choose')}
                  </Button>
                )}
              </FileButton>
              <FileButton onChange={setFile} accept="image/*" capture="environment">
                {(props) => (
                  <Button variant="default" {...props}>
                    {t('camera')}
                  </Button>
                )}
              </FileButton>
            </Group>
            {file && <Text size="sm">{t('chosen', { name: file.name })}</Text>}
          </Stack>
        </Paper>
        {problem && <Alert color="red">{problem}</Alert>}
        {submit.isError && <ProblemAlert error={submit.error} />}
        <Button onClick={send} disabled={!file || problem !== null} loading={submit.isPending} w="fit-content">
          {t('send')}
        </Button>
        {mine.data && mine.data.items.length > 0 && (
          <Stack gap={4}>
            <Text fw={500}>{t('history')}</Text>
            {[...mine.data.items].reverse().map((v) => (
              <Anchor key={v.id} component={Link} to={`/kbis/verifications/${v.id}`} size="sm">
                {format.dateTime(v.submittedAt)} — {t(`status.${v.status}`)}
              </Anchor>
            ))}
          </Stack>
        )}
      </Stack>
    </>
  );
}
