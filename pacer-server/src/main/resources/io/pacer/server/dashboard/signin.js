// The sign-in form: shown whenever the service answers 401, it posts the user name and password (or an API key) to
// POST /api/session; the service answers with a session cookie (HttpOnly, so this script never sees it) and a CSRF
// token that events.js sends back with every mutation.

import { on, signIn, signOut, Unauthorized } from './events.js';

export function mount(onSignedIn) {
  const section = document.getElementById('signin');
  const panels = document.getElementById('panels');
  const form = document.getElementById('signin-form');
  const error = document.getElementById('signin-error');
  const signout = document.getElementById('signout');
  const who = document.getElementById('who');

  // signing out makes sense only for a cookie session (not for --no-auth, where everyone is an admin)
  on('session', (s) => {
    signout.hidden = s.via !== 'session';
    who.textContent = s.user ? s.user + (s.role ? ' · ' + s.role : '') : '';
  });

  on('unauthorized', ({ detail }) => {
    if (!section.hidden) {
      return;
    }
    panels.hidden = true;
    section.hidden = false;
    signout.hidden = true;
    who.textContent = '';
    document.getElementById('signin-why').textContent =
      'The service needs you to sign in to show its data' + (detail ? ' (' + detail + ').' : '.');
    document.getElementById('signin-user').focus();
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const user = form.elements.user.value.trim();
    const password = form.elements.password.value;
    const key = form.elements.key.value.trim();
    if (!key && (!user || !password)) {
      error.textContent = 'Give your user name and password, or an API key.';
      return;
    }
    error.textContent = '';
    const submit = document.getElementById('signin-submit');
    submit.disabled = true;
    try {
      await signIn(key ? { key } : { user, password });
      form.reset();
      section.hidden = true;
      panels.hidden = false;
      panels.focus();
      onSignedIn();
    } catch (e) {
      error.textContent =
        e instanceof Unauthorized ? 'That user name and password, or key, was not accepted.' : 'Sign-in failed: ' + e.message;
      // the 401 of a failed sign-in must not hide the form it came from
      section.hidden = false;
      panels.hidden = true;
    } finally {
      submit.disabled = false;
    }
  });

  signout.addEventListener('click', async () => {
    try {
      await signOut();
    } catch (e) {
      // signed out or not, the page asks for a sign-in next
    }
    location.reload();
  });
}
