import { Button, Center, Divider, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { AuthRequestError, signInMethods, signInWithPassword, ssoStartUrl, type SignInMethods } from '../api/session.js';
import type { Problem } from '../api/problem.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { signInRoute } from './root-route.js';

/** Only a path on this origin may be returned to: an absolute address would make this an open redirect. */
function safeReturnPath(returnTo: string | undefined): string {
  return returnTo && returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/';
}

export function SignInPage() {
  const { returnTo } = signInRoute.useSearch();
  const [methods, setMethods] = useState<SignInMethods | undefined>();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const target = safeReturnPath(returnTo);

  useEffect(() => {
    signInMethods().then(setMethods, (err: unknown) => setProblem(err instanceof AuthRequestError ? err.problem : { code: 'NETWORK.UNREACHABLE', message: String(err), problems: [] }));
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    signInWithPassword(login, password).then(
      // A full load: the GraphQL client and its WebSocket start again with the new session cookie.
      () => window.location.assign(target),
      (err: unknown) => {
        setBusy(false);
        setProblem(err instanceof AuthRequestError ? err.problem : { code: 'NETWORK.UNREACHABLE', message: String(err), problems: [] });
      },
    );
  };

  return (
    <Center mih="100vh">
      <Paper withBorder p="xl" w={380} component="main">
        <Title order={1} size="h2" mb="md">
          Sign in to Pitrix
        </Title>
        <form onSubmit={submit}>
          <Stack>
            {problem && <ErrorNotice error={problem} title="Sign-in failed" />}
            <TextInput label="Login" autoComplete="username" required value={login} onChange={(e) => setLogin(e.currentTarget.value)} />
            <PasswordInput label="Password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            <Button type="submit" loading={busy}>
              Sign in
            </Button>
            {methods?.sso && (
              <>
                <Divider label="or" />
                <Button component="a" href={ssoStartUrl(target)} variant="default">
                  Sign in with single sign-on
                </Button>
              </>
            )}
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
