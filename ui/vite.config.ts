import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

export default defineConfig({
  plugins: [svelte()],
  // Relative asset paths: the app is served from tauri://localhost.
  base: './',
  build: { target: 'es2022', sourcemap: false },
  // The safety card's styles live with the core, which prints the same card.
  server: { fs: { allow: ['.', '../src/safety/card.css'] } },
  test: {
    projects: [
      // Plain logic: no DOM needed.
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'], exclude: ['src/**/*.dom.test.ts'], environment: 'node' } },
      // Mounted components, with the shell's IPC mocked (src/test/dom-setup.ts).
      {
        extends: true,
        plugins: [svelteTesting()],
        test: { name: 'dom', include: ['src/**/*.dom.test.ts'], environment: 'jsdom', setupFiles: ['src/test/dom-setup.ts'] },
      },
    ],
  },
});
