import type { CSSProperties, ReactNode } from 'react';

/**
 * A plain bordered box with a heading. Used on the public home and the login
 * page instead of antd Card, which pulls Tabs and more into the first page's JS.
 */
export function Panel({
  title,
  titleId,
  children,
  style,
}: {
  title?: ReactNode;
  titleId?: string;
  children: ReactNode;
  style?: CSSProperties;
}) {
  return (
    <div style={{ background: '#fff', border: '1px solid #f0f0f0', borderRadius: 8, ...style }}>
      {title ? (
        <h2
          id={titleId}
          style={{ margin: 0, padding: '14px 24px', fontSize: 16, fontWeight: 600, borderBottom: '1px solid #f0f0f0' }}
        >
          {title}
        </h2>
      ) : null}
      <div style={{ padding: 24 }}>{children}</div>
    </div>
  );
}
