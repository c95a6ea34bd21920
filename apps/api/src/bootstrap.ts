import 'reflect-metadata';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ApiConfig } from '@pitrix/config';
import type { Server } from 'node:http';
import { AppModule } from './app.module.js';
import { Authenticator } from './auth/authenticator.js';
import { RequestGate } from './auth/request-gate.js';
import { SingleSignOn } from './auth/single-sign-on.js';
import { AppListResponses } from './catalog/app-list-responses.js';
import { closeClients, connectClients } from './clients/connect-clients.js';
import { serveDashboard } from './dashboard/dashboard-files.js';
import { largeBodyGate } from './graphql/body-limit.js';
import { PassThroughExceptionFilter } from './graphql/pass-through.filter.js';

/** Creates and starts the API on the configured host and port (port 0 picks a free one). */
export async function startApi(config: ApiConfig): Promise<INestApplication> {
  const clients = await connectClients(config);
  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, clients), { logger: ['error', 'warn'], abortOnError: false });
  } catch (err) {
    await closeClients(clients);
    throw err;
  }
  const authenticator = app.get(Authenticator);
  await authenticator.start();
  // Bodies over 1 MiB reach the parser only for uploads: a package travels base64-encoded (4/3 of
  // its size) inside the JSON body, so the parser accepts the largest archive plus some room.
  app.use('/graphql', largeBodyGate(authenticator));
  serveDashboard(app, config.api.dashboardDir);
  app.useBodyParser('json', { limit: Math.ceil((config.package.maxArchiveBytes * 4) / 3) + 64 * 1024 });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new PassThroughExceptionFilter());
  app.enableShutdownHooks();
  await app.init();
  const server = app.getHttpServer() as Server;
  app.get(AppListResponses).install(server);
  app.get(SingleSignOn).attach(server);
  // Installed last, so it runs first: the Host and Origin checks precede everything else.
  new RequestGate(config).install(server);
  await app.listen(config.api.port, config.api.host);
  return app;
}

/** The base URL the API listens on (resolves port 0 to the real port). */
export async function apiUrl(app: INestApplication): Promise<string> {
  const url = await app.getUrl();
  return url.replace('[::1]', '127.0.0.1');
}
