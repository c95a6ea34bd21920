import { Alert, Button, FileInput, Group, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { UPLOAD_PACKAGE } from './repo-documents.js';

/** The archive as base64, which is how `uploadPackage` takes it (the data URL's prefix dropped). */
function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}

/** Pushes a package: a .tgz read in the browser becomes a draft version in this repo. */
export function UploadPackage({ repoId, onUploaded }: { repoId: string; onUploaded: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [readError, setReadError] = useState<string | undefined>();
  const [result, upload] = useMutation(UPLOAD_PACKAGE);
  const send = async () => {
    if (!file) return;
    setReadError(undefined);
    let archiveBase64: string;
    try {
      archiveBase64 = await readAsBase64(file);
    } catch (err) {
      setReadError(err instanceof Error ? err.message : String(err));
      return;
    }
    const outcome = await upload({ input: { repoId, archiveBase64 } });
    if (outcome.data) {
      setFile(null);
      onUploaded();
    }
  };
  const uploaded = result.data?.uploadPackage;
  return (
    <Stack component="section" aria-labelledby="upload-heading" gap="xs">
      <Title order={2} size="h3" id="upload-heading">
        Push a package
      </Title>
      <Group align="flex-end">
        <FileInput label="Package archive" description="A .tgz built with `pitrix package build`" accept=".tgz,application/gzip" clearable clearButtonProps={{ 'aria-label': 'Clear the chosen file' }} value={file} onChange={setFile} style={{ flex: 1 }} />
        <Button onClick={() => void send()} disabled={!file} loading={result.fetching}>
          Upload
        </Button>
      </Group>
      {readError && <ErrorNotice error={{ code: 'FILE.UNREADABLE', message: readError, problems: [] }} title="The file could not be read" />}
      {result.error && <ErrorNotice error={result.error} title="The package was refused" />}
      {uploaded && !result.error && (
        <Alert color="teal" title="Uploaded" data-testid="upload-result">
          {uploaded.name} {uploaded.version} is now a {uploaded.status} version.
        </Alert>
      )}
    </Stack>
  );
}
