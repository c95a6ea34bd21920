import 'reflect-metadata';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ApiConfig } from '@pitrix/config';
import { AppModule } from './app.module.js';
import { AppListResponses } from './catalog/app-list-responses.js';
import { closeClients, connectClients } from './clients/connect-clients.js';
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
  // An uploaded package travels base64-encoded (4/3 of its size) inside the JSON body, so the
  // body may be as large as the largest archive accepted, plus room for the rest of the request.
  app.useBodyParser('json', { limit: Math.ceil((config.package.maxArchiveBytes * 4) / 3) + 64 * 1024 });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new PassThroughExceptionFilter());
  app.enableShutdownHooks();
  app.get(AppListResponses).install(app.getHttpServer());
  await app.listen(config.api.port, config.api.host);
  return app;
}

/** The base URL the API listens on (resolves port 0 to the real port). */
export async function apiUrl(app: INestApplication): Promise<string> {
  const url = await app.getUrl();
  return url.replace('[::1]', '127.0.0.1');
}
