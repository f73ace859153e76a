import { mount } from 'svelte';
import '@xyflow/svelte/dist/style.css';
import './app.css';
import App from './App.svelte';
import { localeReady } from './lib/i18n';

const target = document.getElementById('app');
if (!target) throw new Error('Streamlab: the #app element is missing from index.html');

// A Chinese page is drawn in Chinese from the first frame, not switched after it.
await localeReady;
export default mount(App, { target });
