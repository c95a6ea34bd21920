import { Typography } from '@mantine/core';
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';

/**
 * A package's README.md as HTML. The Markdown is the package author's, so the HTML is sanitised
 * (no scripts, no event handlers, no javascript: links) before it reaches the page.
 */
export function Readme({ markdown }: { markdown: string }) {
  const html = useMemo(() => DOMPurify.sanitize(marked.parse(markdown, { async: false, gfm: true })), [markdown]);
  return (
    <Typography data-testid="readme">
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </Typography>
  );
}
