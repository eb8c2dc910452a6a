/**
 * Safe Markdown: markdown-to-jsx builds React elements (no innerHTML) and raw HTML in the
 * text is shown as text (`disableParsingRawHTML`). Links open outside the app (https only, via
 * the main process in the desktop app); images are not fetched — their address is shown.
 * Line breaks are kept as written (CSS `pre-wrap` on paragraphs and list items): a message's
 * line-per-item text must not run together. A paragraph drawn with characters (a tree, a
 * table of aligned columns) is shown in a fixed-width font, so it lines up as it did.
 */
import MarkdownToJsx from 'markdown-to-jsx';
import {
  Children,
  isValidElement,
  memo,
  type AnchorHTMLAttributes,
  type HTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react';
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

/** Box-drawing and block characters: trees, boxes, bars. */
const DRAWING = /[\u2500-\u259f]/;
/** A column gap inside a line: two spaces or more between words. */
const COLUMN_GAP = /\S {2,}\S/;

function isDrawnText(text: string): boolean {
  if (DRAWING.test(text)) return true;
  return text.split('\n').filter((l) => COLUMN_GAP.test(l)).length >= 2;
}

function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (isValidElement<{ children?: ReactNode }>(node)) return textOf(node.props.children);
  return '';
}

function Paragraph({ children, className, ...rest }: HTMLAttributes<HTMLParagraphElement>) {
  const drawn = isDrawnText(Children.toArray(children).map(textOf).join(''));
  const cls = [className, drawn ? 'md-drawn' : null].filter(Boolean).join(' ') || undefined;
  return (
    <p {...rest} className={cls}>
      {children}
    </p>
  );
}

const OPTIONS = {
  disableParsingRawHTML: true,
  forceBlock: true,
  overrides: {
    a: { component: SafeLink },
    img: { component: InertImage },
    p: { component: Paragraph },
  },
} as const;

export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className="md">
      <MarkdownToJsx options={OPTIONS}>{text}</MarkdownToJsx>
    </div>
  );
});
