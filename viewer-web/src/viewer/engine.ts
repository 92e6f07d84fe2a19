/**
 * Cornerstone3D, started once per page: the rendering engine, the DICOM image loader
 * (WADO-RS frames, decoded in workers, with the bearer token on every request), the tools,
 * and one tool group that every viewport of the study screen joins.
 */
import {
  cache,
  Enums as CoreEnums,
  imageLoader,
  init as coreInit,
  metaData,
  RenderingEngine,
  type StackViewport,
} from '@cornerstonejs/core';
import { init as loaderInit, wadors } from '@cornerstonejs/dicom-image-loader';
import {
  addTool,
  AngleTool,
  EllipticalROITool,
  Enums as ToolEnums,
  init as toolsInit,
  LengthTool,
  PanTool,
  RectangleROITool,
  StackScrollTool,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
} from '@cornerstonejs/tools';
import type { TokenSupplier } from '../dicom-web';
import { FRAMES_AS_STORED, loaderMetadata, type StackFrame } from './stack';

export const RENDERING_ENGINE_ID = 'qianli';
export const TOOL_GROUP_ID = 'qianli-stack';

/** The tools the left mouse button can take; the others stay on their own buttons. */
export const PRIMARY_TOOLS = {
  windowLevel: WindowLevelTool.toolName,
  pan: PanTool.toolName,
  zoom: ZoomTool.toolName,
  length: LengthTool.toolName,
  angle: AngleTool.toolName,
  rectangle: RectangleROITool.toolName,
  ellipse: EllipticalROITool.toolName,
} as const;
export type PrimaryTool = keyof typeof PRIMARY_TOOLS;

type ToolGroup = NonNullable<ReturnType<typeof ToolGroupManager.getToolGroup>>;

/** The Accept of each image id whose frames are not asked for as stored. */
const frameAccept = new Map<string, string>();

let started: Promise<{ engine: RenderingEngine; tools: ToolGroup }> | undefined;

/** Starts Cornerstone3D once; later calls get the same engine and tool group. */
export function startEngine(token: TokenSupplier): Promise<{ engine: RenderingEngine; tools: ToolGroup }> {
  started ??= (async () => {
    await coreInit();
    loaderInit({
      maxWebWorkers: Math.max(1, Math.min(4, (navigator.hardwareConcurrency || 2) - 1)),
      beforeSend: async (_xhr: XMLHttpRequest, imageId: string) => {
        const bearer = await token();
        const accept = frameAccept.get(imageId);
        return {
          ...(bearer === undefined ? {} : { Authorization: `Bearer ${bearer}` }),
          ...(accept === undefined ? {} : { Accept: accept }),
        };
      },
    });
    toolsInit();
    for (const tool of [WindowLevelTool, PanTool, ZoomTool, StackScrollTool, LengthTool, AngleTool, RectangleROITool, EllipticalROITool]) {
      addTool(tool);
    }
    const tools = ToolGroupManager.createToolGroup(TOOL_GROUP_ID)!;
    for (const name of Object.values(PRIMARY_TOOLS)) {
      tools.addTool(name);
    }
    tools.addTool(StackScrollTool.toolName);
    const { MouseBindings } = ToolEnums;
    tools.setToolActive(WindowLevelTool.toolName, { bindings: [{ mouseButton: MouseBindings.Primary }] });
    tools.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
    tools.setToolActive(ZoomTool.toolName, { bindings: [{ mouseButton: MouseBindings.Secondary }] });
    tools.setToolActive(StackScrollTool.toolName, { bindings: [{ mouseButton: MouseBindings.Wheel }] });
    for (const name of [LengthTool.toolName, AngleTool.toolName, RectangleROITool.toolName, EllipticalROITool.toolName]) {
      tools.setToolPassive(name);
    }
    return { engine: new RenderingEngine(RENDERING_ENGINE_ID), tools };
  })();
  return started;
}

/**
 * Draws one small CT-like image in a hidden stack viewport and takes it away again, so the
 * WebGL shaders and the image pipeline are compiled before the first study is opened (with
 * software WebGL that is most of the time to the first image).
 */
export async function rehearseRendering(engine: RenderingEngine, doc: Document): Promise<void> {
  const host = doc.createElement('div');
  host.style.cssText = 'position:fixed;left:-4096px;top:0;width:64px;height:64px;';
  host.setAttribute('aria-hidden', 'true');
  doc.body.append(host);
  const viewportId = 'qianli-rehearsal';
  const imageId = 'qianli-rehearsal:ct';
  try {
    engine.enableElement({ viewportId, type: CoreEnums.ViewportType.STACK, element: host });
    const samples = new Int16Array(64 * 64).map((_, i) => ((i * 37) % 2000) - 1000);
    if (!cache.getImageLoadObject(imageId)) {
      imageLoader.createAndCacheLocalImage(imageId, {
        scalarData: samples,
        dimensions: [64, 64],
        spacing: [1, 1],
        origin: [0, 0, 0],
        direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
        frameOfReferenceUID: 'qianli-rehearsal',
      });
    }
    const rendered = new Promise<void>((resolve) => {
      host.addEventListener(CoreEnums.Events.IMAGE_RENDERED, () => resolve(), { once: true });
      setTimeout(resolve, 5000);
    });
    const viewport = engine.getViewport(viewportId) as StackViewport;
    await viewport.setStack([imageId], 0);
    viewport.render();
    await rendered;
  } finally {
    engine.disableElement(viewportId);
    host.remove();
    cache.removeImageLoadObject(imageId);
  }
}

/** Gives the left mouse button to a tool; measurements made before stay visible and editable. */
export function selectPrimaryTool(tools: ToolGroup, tool: PrimaryTool): void {
  const { MouseBindings } = ToolEnums;
  const current = tools.getActivePrimaryMouseButtonTool();
  const wanted = PRIMARY_TOOLS[tool];
  if (current === wanted) {
    return;
  }
  if (current !== undefined) {
    if (current === PanTool.toolName) {
      tools.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
    } else if (current === ZoomTool.toolName) {
      tools.setToolActive(ZoomTool.toolName, { bindings: [{ mouseButton: MouseBindings.Secondary }] });
    } else {
      tools.setToolPassive(current);
    }
  }
  tools.setToolActive(wanted, { bindings: [{ mouseButton: MouseBindings.Primary }] });
}

/** The image ids of a stack, with each frame's metadata registered for the WADO-RS loader. */
export function registerFrames(frames: readonly StackFrame[], baseHref: string): string[] {
  return frames.map((frame) => {
    const imageId = 'wadors:' + new URL(frame.url, baseHref).href;
    wadors.metaDataManager.add(imageId, loaderMetadata(frame.metadata) as never);
    if (frame.accept !== FRAMES_AS_STORED) {
      frameAccept.set(imageId, frame.accept);
    }
    return imageId;
  });
}

/** A metadata module of an image, e.g. 'imagePlaneModule'. */
export function metadataOf<T>(module: string, imageId: string): T | undefined {
  return metaData.get(module, imageId) as T | undefined;
}
