import { defineConfig } from 'vitest/config';

// The build lands in target/classes/static: Maven packages it into the jar and
// diagnosis-service (Spring Boot) serves it at its root. Relative asset paths and
// hash routes keep the shell working under any path prefix an ingress may add.
export default defineConfig({
  base: './',
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
