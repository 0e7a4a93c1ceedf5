// The accounts page: who can sign in, with what role, and a button to disable an account. New
// accounts and passwords are made on the server's command line, where no form can be forged.

import type { UserView } from '../auth/users.ts';
import { when } from './format.ts';
import { csrfField, html, type Raw } from './layout.ts';

export const stateOf = (u: UserView, now = new Date()): 'active' | 'disabled' | 'locked' =>
  u.disabled ? 'disabled' : u.lockedUntil && u.lockedUntil > now ? 'locked' : 'active';

const STATE_TEXT = { active: 'aktiv', disabled: 'avstängd', locked: 'låst' } as const;

function row(u: UserView, me: string | undefined, csrf: string): Raw {
  const state = stateOf(u);
  const action =
    state !== 'disabled' && u.name !== me
      ? html`<form class="disable-user" method="post" action="/users/${u.name}/disable">${csrfField(csrf)}<button type="submit">Stäng av</button></form>`
      : '';
  return html`<tr class="user ${state}"><td>${u.name}</td><td>${u.role}</td><td>${u.region ?? '–'}</td><td class="state">${state} <span class="muted">(${STATE_TEXT[state]})</span></td><td>${u.lastLoginAt ? when(u.lastLoginAt) : 'aldrig'}</td><td>${action}</td></tr>`;
}

export function usersView(users: UserView[], me: string | undefined, csrf: string, notice: string | null): Raw {
  return html`${notice ? html`<p class="warn" role="status">${notice}</p>` : ''}
<table id="users-table"><thead><tr><th scope="col">Namn</th><th scope="col">Roll</th><th scope="col">Region</th><th scope="col">Status</th><th scope="col">Senast inloggad</th><th scope="col"></th></tr></thead>
<tbody>${users.map((u) => row(u, me, csrf))}</tbody></table>
<p class="muted">Att stänga av ett konto avslutar också dess inloggningar. Nya konton och lösenord skapas på servern: <code>kartla users add &lt;namn&gt; --role analyst|outreach|admin [--region &lt;polisregion&gt;]</code> och <code>kartla users reset &lt;namn&gt;</code>. / Accounts and passwords are created with the CLI.</p>`;
}
