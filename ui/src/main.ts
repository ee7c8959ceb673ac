import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { applyTheme, loadTheme } from './lib/theme';

applyTheme(loadTheme());
mount(App, { target: document.getElementById('app')! });
