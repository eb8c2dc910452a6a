/**
 * Safe Markdown: markdown-to-jsx builds React elements (no innerHTML) and raw HTML in the
 * text is shown as text (`disableParsingRawHTML`). Links open outside the app (https only, via
 * the main process in the desktop app); images are not fetched — their address is shown.
 */
import MarkdownToJsx from 'markdown-to-jsx';
import { memo, type AnchorHTMLAttributes, type MouseEvent } from 'react';
import { call, hostKind } from '../bridge';

function SafeLink({ href, children, title }: AnchorHTMLAttributes<HTMLAnchorElement>) {
  const url = typeof href === 'string' ? href : '';
  const external = /^https:\/\//i.test(url);
  if (!external)
    return (
      <span className="md-link-inert" title={url || undefined}>
        {children}
      </span>
    );
  const onClick = (e: MouseEvent) => {
    if (hostKind() === 'desktop') {
      e.preventDefault();
      void call('shell:openExternal', { url });
    }
  };
  return (
    <a href={url} title={title ?? url} target="_blank" rel="noopener noreferrer" onClick={onClick}>
      {children}
    </a>
  );
}

function InertImage({ alt, src }: { alt?: string; src?: string }) {
  return (
    <span className="md-image" title={src}>
      [image{alt ? `: ${alt}` : ''}]
    </span>
  );
}

const OPTIONS = {
  disableParsingRawHTML: true,
  forceBlock: true,
  overrides: {
    a: { component: SafeLink },
    img: { component: InertImage },
  },
} as const;

export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className="md">
      <MarkdownToJsx options={OPTIONS}>{text}</MarkdownToJsx>
    </div>
  );
});
