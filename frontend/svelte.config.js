// Read by vite-plugin-svelte and by editors' Svelte tooling.
export default {
  compilerOptions: {
    runes: true,
  },
};
