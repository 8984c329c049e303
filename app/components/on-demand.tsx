import { lazy, type ComponentType } from "react";

/**
 * A part of a page that only some viewers or some pages show, kept out of
 * the page's own script: the browser loads it (`load`) when a page shows it.
 * The server renders it at once (renderToString cannot wait): a .server
 * module, empty in the browser's build, gives it the component (`onServer`),
 * handed to React.lazy as an already-settled thenable. Render it inside
 * <Suspense>.
 */
export function onDemand<P extends object>(onServer: ComponentType<P> | undefined, load: () => Promise<ComponentType<P>>) {
  return lazy(() =>
    onServer
      ? ({ then: (resolve: (module: { default: ComponentType<P> }) => void) => resolve({ default: onServer }) } as unknown as Promise<{ default: ComponentType<P> }>)
      : load().then((component) => ({ default: component })),
  );
}
