import { Command } from 'commander';
import { packageBuildCommand } from './package-build.command.js';
import { packageCreateCommand } from './package-create.command.js';
import { packageIndexCommand } from './package-index.command.js';
import { packageLintCommand } from './package-lint.command.js';
import { packagePushCommand } from './package-push.command.js';
import { packageRenderCommand } from './package-render.command.js';

/** `pitrix package ...`: the package tools. They work on local files; only `push` talks to the API. */
export function packageCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('package')
    .description('Create, lint, build, index, render and push application packages')
    .addCommand(packageCreateCommand(env))
    .addCommand(packageLintCommand(env))
    .addCommand(packageBuildCommand(env))
    .addCommand(packageIndexCommand(env))
    .addCommand(packageRenderCommand(env))
    .addCommand(packagePushCommand(env));
}
