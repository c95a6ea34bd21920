import { Image, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Loading } from '../../components/states.js';
import { VERSION_README_QUERY } from './catalog-documents.js';
import { Readme } from './Readme.js';

/** A version's README and screenshots, both from its package. */
export function VersionReadme({ versionId, appName }: { versionId: string; appName: string }) {
  const [{ data, error, fetching }] = useQuery({ query: VERSION_README_QUERY, variables: { id: versionId } });
  if (error) return <ErrorNotice error={error} title="The README could not be loaded" />;
  if (!data && fetching) return <Loading label="Loading the README…" />;
  const pkg = data?.appVersionPackage;
  return (
    <Stack>
      {pkg?.screenshots && pkg.screenshots.length > 0 && (
        <section aria-labelledby="screenshots-title">
          <Title order={2} size="h4" id="screenshots-title" mb="xs">
            Screenshots
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} data-testid="screenshots">
            {pkg.screenshots.map((url, index) => (
              <a key={url} href={url} target="_blank" rel="noreferrer noopener">
                <Image src={url} alt={`${appName} screenshot ${index + 1}`} radius="sm" fit="contain" h={160} />
              </a>
            ))}
          </SimpleGrid>
        </section>
      )}
      <section aria-labelledby="readme-title">
        <Title order={2} size="h4" id="readme-title" mb="xs">
          README
        </Title>
        {pkg?.readme ? <Readme markdown={pkg.readme} /> : <Text c="gray.7">This package has no README.md.</Text>}
      </section>
    </Stack>
  );
}
