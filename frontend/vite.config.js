import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// The hub to proxy to in `npm run dev`; override with HUB_URL=http://host:port npm run dev.
const hub = process.env.HUB_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [svelte()],
  // Relative asset URLs: the built panel works wherever the hub mounts it.
  base: './',
  build: {
    // Straight into the jar's classpath: Spring Boot serves classpath:/static/ at /.
    outDir: 'target/classes/static',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': hub,
      '/webhooks': hub,
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.js'],
  },
});
