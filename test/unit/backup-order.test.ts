import { describe, expect, it } from 'vitest';
import { foreignKeyOrder } from '../../src/services/backup/catalog.js';

describe('the restore order of tables', () => {
  it('puts every parent before its children, alphabetically among equals, ignoring self-references', () => {
    const order = foreignKeyOrder(
      ['files', 'applications', 'users', 'editions', 'audit_log'],
      [
        { child: 'files', parent: 'applications' },
        { child: 'applications', parent: 'editions' },
        { child: 'applications', parent: 'users' },
        { child: 'users', parent: 'users' },
      ],
    );
    expect(order).toEqual(['audit_log', 'editions', 'users', 'applications', 'files']);
  });

  it('refuses a cycle between tables, naming them', () => {
    expect(() =>
      foreignKeyOrder(
        ['a', 'b', 'c'],
        [
          { child: 'a', parent: 'b' },
          { child: 'b', parent: 'a' },
        ],
      ),
    ).toThrow('foreign keys form a cycle among: a, b');
  });
});
