import type { ConfigTemplateEntry, SelfView } from '@pitrix/agent-protocol';
import Handlebars from 'handlebars';

/**
 * One Handlebars environment for every template: no helpers beyond the built-ins, no HTML
 * escaping (these are config files), and no access to prototype properties or methods.
 */
const handlebars = Handlebars.create();
const compiled = new Map<string, HandlebarsTemplateDelegate>();

/** Renders a config template with a node's `/self` view as its context. */
export function renderTemplate(entry: ConfigTemplateEntry, view: SelfView): string {
  let template = compiled.get(entry.content);
  if (!template) {
    template = handlebars.compile(entry.content, { noEscape: true, strict: false });
    if (compiled.size > 200) compiled.clear();
    compiled.set(entry.content, template);
  }
  return template(view, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
}
