import { defineConfig } from 'vitest/config';

// The build lands in target/classes/static: Maven packages it into the jar and
// diagnosis-service (Spring Boot) serves it at its root. Relative asset paths and
// hash routes keep the app working under any path prefix an ingress may add.
//
// Cornerstone3D: its packages import Node's 'events' module, which the browser lacks; the
// 'events' package from npm stands in (without the alias the page dies with "Class extends
// value undefined"). The image loader decodes in module workers, hence worker format 'es'.
// For the dev server the loader must not be pre-bundled (its workers and WebAssembly codecs
// are found relative to its own files), while its CommonJS dependencies must be.
export default defineConfig({
  base: './',
  resolve: {
    alias: { events: 'events/' },
  },
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    target: 'es2022',
  },
  worker: {
    format: 'es',
  },
  optimizeDeps: {
    exclude: ['@cornerstonejs/dicom-image-loader'],
    include: ['dicom-parser'],
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
