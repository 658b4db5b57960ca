// Starts the dashboard: mounts every panel, loads the current state and the last hour of history, then follows the
// event stream. A 401 from any call shows the sign-in form; signing in starts it again.

import * as events from './events.js';
import * as health from './panel-health.js';
import * as system from './panel-system.js';
import * as ops from './panel-ops.js';
import * as apps from './panel-apps.js';
import * as analysis from './panel-analysis.js';
import * as signin from './signin.js';

const HISTORY = [...health.HISTORY, ...system.HISTORY, ...apps.HISTORY];

const CONNECTION_TEXT = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline — retrying',
  signedout: 'Signed out',
};

/** Set when a 401 showed the sign-in form: a late event of the old stream must not say it is reconnecting. */
let signedOut = false;

function showConnection(state) {
  if (signedOut && state !== 'signedout') {
    return;
  }
  const node = document.getElementById('connection');
  node.dataset.state = state;
  node.textContent = CONNECTION_TEXT[state] || state;
}

async function start() {
  signedOut = false;
  showConnection('connecting');
  try {
    const who = events.session().catch((e) => {
      if (e instanceof events.Unauthorized) {
        throw e;
      }
      console.warn('dashboard: who is signed in is unknown: ' + e.message);
    });
    const history = events.ownLabels().then((own) => events.loadHistory(HISTORY, own));
    await Promise.all([who, events.loadState(), history, analysis.refresh()]);
  } catch (e) {
    if (e instanceof events.Unauthorized) {
      return; // the sign-in form is showing; signing in calls start again
    }
    console.warn('dashboard: loading the current state failed: ' + e.message);
  }
  events.connect();
}

events.on('connection', showConnection);
events.on('unauthorized', () => {
  events.disconnect();
  showConnection('signedout');
  signedOut = true;
});
events.on('update', (at) => {
  const node = document.getElementById('last-update');
  node.dateTime = new Date(at).toISOString();
  node.textContent = new Date(at).toLocaleTimeString();
});

health.mount();
system.mount();
ops.mount();
apps.mount();
analysis.mount();
signin.mount(start);
window.pacerDashboard = Object.assign(window.pacerDashboard || {}, { started: true });
start();
