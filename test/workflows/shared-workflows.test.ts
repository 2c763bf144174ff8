/**
 * The 13 RunComfy workflows the endpoint mapping names, read from the shared folder beside the
 * clone. Expected values were read from the files by hand; each comment names the node.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { extraOf, faceOf, latentOf, loadShared, loraOf, samplerOf, sharedWorkflowsDir, valueOf } from './harness.js';

const SLUGS = [
  'comfyui-flux-a-new-art-image-generation',
  'comfyui-flux-lora-training-detailed-guides',
  'comfyui-hi-res-fix-upscaling-workflow-controlnet-tile-4x-ultrasharp',
  'comfyui-instantid-workflow',
  'comfyui-pulid-customized-face-generation',
  'comfyui-reactor-workflow-fast-face-swap',
  'comfyui-wan-2-2-image-generation-complete-workflow-pack',
  'create-consistent-characters-in-comfyui-with-ipadapter-faceid-plus',
  'flux-klein-unified-image-editing-inpaint-remove-outpaint-in-comfyui-advanced-image-restoration',
  'seedvr2-comfyui-workflow-best-image-video-upscaler-blur-removal',
  'text-to-image-with-sdxl-turbo',
  'wan-2-1-lora-customizable-ai-video-generation',
  'z-image-turbo-ai-toolkit-lora-inference-in-comfyui-training-matched-results',
];

describe('shared workflow folder', () => {
  it('holds exactly the 13 mapped workflows', () => {
    expect(readdirSync(sharedWorkflowsDir).sort()).toEqual([...SLUGS].sort());
  });

  it.each(SLUGS)('%s parses without unknown layouts on its key nodes', (slug) => {
    const summary = loadShared(slug);
    const codes = summary.warnings.map((warning) => warning.code);
    expect(summary.format).toBe('UI');
    expect(codes).not.toContain('UNKNOWN_WIDGET_LAYOUT');
    expect(codes).not.toContain('MISSING_WIDGET_VALUES');
    expect(codes).not.toContain('SAMPLER_PART_UNKNOWN');

    const known = new Map(summary.nodes.map((node) => [node.id, node.known]));
    const keyNodes = [
      ...summary.samplers.flatMap((sampler) => [sampler.nodeId, ...sampler.parts.map((part) => part.nodeId), ...sampler.loraNodeIds, ...sampler.modelNodeIds]),
      ...summary.latents.map((latent) => latent.nodeId),
      ...summary.loras.map((lora) => lora.nodeId),
      ...summary.faceConsistency.map((face) => face.nodeId),
    ];
    for (const nodeId of keyNodes) expect(known.get(nodeId), `node ${nodeId}`).toBe(true);
  });
});

describe('comfyui-flux-a-new-art-image-generation', () => {
  const summary = loadShared('comfyui-flux-a-new-art-image-generation');
  const sampler = samplerOf(summary, '13');

  it('assembles SamplerCustomAdvanced #13 from its parts', () => {
    expect(summary.primarySamplerId).toBe('13');
    expect(sampler.parts).toEqual([
      { role: 'NOISE', nodeId: '25', nodeType: 'RandomNoise' },
      { role: 'GUIDER', nodeId: '22', nodeType: 'BasicGuider' },
      { role: 'SAMPLER', nodeId: '16', nodeType: 'KSamplerSelect' },
      { role: 'SIGMAS', nodeId: '17', nodeType: 'BasicScheduler' },
    ]);
    // BasicScheduler #17: ["simple", 20, 1]; KSamplerSelect #16: ["euler"]
    expect(sampler.steps).toMatchObject({ value: 20, source: 'WIDGET', nodeId: '17' });
    expect(sampler.scheduler).toMatchObject({ value: 'simple', nodeId: '17' });
    expect(sampler.denoise).toMatchObject({ value: 1, nodeId: '17' });
    expect(sampler.samplerName).toMatchObject({ value: 'euler', nodeId: '16' });
    // BasicGuider #22 has no cfg widget: it samples without CFG.
    expect(sampler.cfg).toMatchObject({ value: 1, source: 'IMPLIED', nodeId: '22' });
  });

  it('reads the randomized seed of RandomNoise #25', () => {
    // RandomNoise #25: [417264191485848, "randomize"]
    expect(sampler.seed).toMatchObject({ value: '417264191485848', source: 'RUNTIME', nodeId: '25', control: 'randomize' });
  });

  it('reads the latent size and the Schnell UNET', () => {
    // EmptyLatentImage #5: [1024, 1024, 1]; UNETLoader #12: ["flux/flux1-schnell.sft", "fp8_e4m3fn"]
    expect(latentOf(summary, '5')).toMatchObject({ width: { value: 1024 }, height: { value: 1024 }, batchSize: { value: 1 } });
    expect(summary.models.filter((model) => model.kind === 'UNET').map((model) => model.name)).toEqual(['flux/flux1-schnell.sft']);
    expect(summary.models.filter((model) => model.kind === 'CLIP').map((model) => model.name)).toEqual([
      'sd3m/t5xxl_fp8_e4m3fn.safetensors',
      'sd3m/clip_l.safetensors',
    ]);
    // Schnell has no guidance embedding, so no Flux default guidance is implied.
    expect(sampler.guidance).toBeNull();
    expect(summary.loras).toEqual([]);
  });
});

describe('comfyui-flux-lora-training-detailed-guides', () => {
  const summary = loadShared('comfyui-flux-lora-training-detailed-guides');

  it('resolves validation settings through GetNode #40 and SetNode #38', () => {
    const sampler = samplerOf(summary, '8');
    expect(summary.primarySamplerId).toBe('8');
    expect(sampler.parts).toEqual([{ role: 'SETTINGS', nodeId: '37', nodeType: 'FluxTrainValidationSettings' }]);
    // FluxTrainValidationSettings #37: [20, 1024, 1024, 3, 42, "fixed", true, 0.5, 1.15]
    expect(sampler.steps).toMatchObject({ value: 20, nodeId: '37' });
    expect(sampler.guidance).toMatchObject({ value: 3, nodeId: '37' });
    expect(sampler.seed).toMatchObject({ value: '42', source: 'WIDGET', control: 'fixed' });
    expect(latentOf(summary, '37')).toMatchObject({ width: { value: 1024 }, height: { value: 1024 } });
  });

  it('lists the bypassed validation passes as inactive', () => {
    expect(samplerOf(summary, '45').active).toBe(true);
    expect(samplerOf(summary, '60').active).toBe(false);
    expect(samplerOf(summary, '65').active).toBe(false);
    expect(summary.bypassedNodeIds).toEqual(expect.arrayContaining(['59', '60', '62', '64', '65', '134']));
    expect(summary.mutedNodeIds.sort()).toEqual(['73', '89']);
  });

  it('reads the Flux Dev transformer from FluxTrainModelSelect #2', () => {
    expect(summary.models.find((model) => model.nodeId === '2' && model.kind === 'UNET')?.name).toBe('flux/kijai/flux1-dev-fp8.safetensors');
  });
});

describe('comfyui-hi-res-fix-upscaling-workflow-controlnet-tile-4x-ultrasharp', () => {
  const summary = loadShared('comfyui-hi-res-fix-upscaling-workflow-controlnet-tile-4x-ultrasharp');

  it('takes the seed of KSampler #7 from PrimitiveNode #82', () => {
    const sampler = samplerOf(summary, '7');
    expect(summary.primarySamplerId).toBe('7');
    // PrimitiveNode #82 "Seed": [214037557304943, "randomize"]; KSampler #7 keeps a stale copy marked "fixed".
    expect(sampler.seed).toMatchObject({
      value: '214037557304943',
      source: 'RUNTIME',
      nodeId: '82',
      control: 'randomize',
      staleWidgetValue: '214037557304943',
    });
    // KSampler #7: [.., 30, 8, "dpmpp_2m", "karras", 1]; EmptyLatentImage #9: [512, 768, 32]
    expect(sampler).toMatchObject({ steps: { value: 30 }, cfg: { value: 8 }, samplerName: { value: 'dpmpp_2m' }, scheduler: { value: 'karras' } });
    expect(latentOf(summary, '9')).toMatchObject({ width: { value: 512 }, height: { value: 768 }, batchSize: { value: 32 } });
  });

  it('reads the refine pass KSampler #21 on the upscaled latent', () => {
    const sampler = samplerOf(summary, '21');
    // KSampler #21: [.., 26, 5, "dpmpp_sde_gpu", "karras", 0.85]; LatentUpscale #47: ["bilinear", 512, 768, "disabled"]
    expect(sampler).toMatchObject({ steps: { value: 26 }, cfg: { value: 5 }, samplerName: { value: 'dpmpp_sde_gpu' }, denoise: { value: 0.85 } });
    expect(sampler.latentNodeId).toBe('47');
    expect(sampler.latentOrigin).toBe('UPSCALED');
    // The model arrives through Reroute #81 from CheckpointLoaderSimpleWithNoiseSelect #41.
    expect(sampler.modelNodeIds).toContain('41');
    expect(summary.models.find((model) => model.nodeId === '41')?.name).toBe('sd1/animatrix_v20.safetensors');
  });
});

describe('comfyui-instantid-workflow', () => {
  const summary = loadShared('comfyui-instantid-workflow');

  it('reads KSampler #3 and EmptyLatentImage #5', () => {
    const sampler = samplerOf(summary, '3');
    // KSampler #3: [53470096809694, "randomize", 30, 4.5, "ddpm", "karras", 1]
    expect(sampler.seed).toMatchObject({ value: '53470096809694', source: 'RUNTIME', control: 'randomize' });
    expect(sampler).toMatchObject({ steps: { value: 30 }, cfg: { value: 4.5 }, samplerName: { value: 'ddpm' }, scheduler: { value: 'karras' }, denoise: { value: 1 } });
    // EmptyLatentImage #5: [1152, 896, 1]
    expect(latentOf(summary, '5')).toMatchObject({ width: { value: 1152 }, height: { value: 896 } });
  });

  it('reads both ApplyInstantID nodes #60 and #67', () => {
    for (const nodeId of ['60', '67']) {
      // ApplyInstantID: [0.8, 0, 1]
      expect(faceOf(summary, nodeId)).toMatchObject({ method: 'INSTANTID', active: true, weight: { value: 0.8 }, startAt: { value: 0 }, endAt: { value: 1 } });
    }
    expect(summary.models.find((model) => model.kind === 'CHECKPOINT')?.name).toBe('sdxl/albedobaseXL_v13.safetensors');
  });
});

describe('comfyui-pulid-customized-face-generation', () => {
  const summary = loadShared('comfyui-pulid-customized-face-generation');

  it('reads KSampler #3 working on the encoded image', () => {
    const sampler = samplerOf(summary, '3');
    // KSampler #3: [52, "fixed", 30, 6, "dpmpp_2m", "sgm_uniform", 1]
    expect(sampler.seed).toMatchObject({ value: '52', source: 'WIDGET', control: 'fixed' });
    expect(sampler).toMatchObject({ steps: { value: 30 }, cfg: { value: 6 }, samplerName: { value: 'dpmpp_2m' }, scheduler: { value: 'sgm_uniform' } });
    // The latent comes from VAEEncode #49, so its size is the input image's.
    expect(sampler.latentNodeId).toBe('49');
    expect(sampler.latentOrigin).toBe('IMAGE');
  });

  it('reads ApplyPulid #33 and IPAdapterAdvanced #46', () => {
    // ApplyPulid #33: ["fidelity", 0.9, 0, 1]
    const pulid = faceOf(summary, '33');
    expect(pulid).toMatchObject({ method: 'PULID', active: true, weight: { value: 0.9 }, startAt: { value: 0 }, endAt: { value: 1 } });
    expect(extraOf(pulid.extra, 'method').value).toBe('fidelity');
    // IPAdapterAdvanced #46: [1, "style transfer", "concat", 0, 1, "V only"]
    const ipadapter = faceOf(summary, '46');
    expect(ipadapter).toMatchObject({ method: 'IPADAPTER', weight: { value: 1 } });
    expect(extraOf(ipadapter.extra, 'weight_type').value).toBe('style transfer');
  });
});

describe('comfyui-reactor-workflow-fast-face-swap', () => {
  const summary = loadShared('comfyui-reactor-workflow-fast-face-swap');

  it('reads the active ReActorFaceSwap #1 and skips bypassed #25', () => {
    // ReActorFaceSwap #1: [true, "inswapper_128.onnx", "retinaface_resnet50", "codeformer.pth", 1, 0.75, ...]
    const swap = faceOf(summary, '1');
    expect(swap.active).toBe(true);
    expect(extraOf(swap.extra, 'face_restore_model').value).toBe('codeformer.pth');
    expect(extraOf(swap.extra, 'face_restore_visibility').value).toBe(1);
    expect(extraOf(swap.extra, 'codeformer_weight').value).toBe(0.75);
    expect(faceOf(summary, '25').active).toBe(false);
    expect(summary.samplers).toEqual([]);
  });

  it('reads the frame rate of VHS_VideoCombine #40 from named widgets', () => {
    const video = summary.videoOutputs.find((output) => output.nodeId === '40');
    expect(video).toMatchObject({ active: true, fps: { value: 30 } });
    expect(summary.videoOutputs.find((output) => output.nodeId === '43')?.active).toBe(false);
  });
});

describe('comfyui-wan-2-2-image-generation-complete-workflow-pack', () => {
  const summary = loadShared('comfyui-wan-2-2-image-generation-complete-workflow-pack');

  it('picks the first stage KSamplerAdvanced #57 as primary', () => {
    const sampler = samplerOf(summary, '57');
    expect(summary.primarySamplerId).toBe('57');
    // KSamplerAdvanced #57: ["enable", 999231911662943, "fixed", 8, 1, "euler", "beta", 0, 4, "enable"]
    expect(sampler.seed).toMatchObject({ value: '999231911662943', source: 'WIDGET', control: 'fixed' });
    expect(sampler).toMatchObject({
      steps: { value: 8 },
      cfg: { value: 1 },
      samplerName: { value: 'euler' },
      scheduler: { value: 'beta' },
      startAtStep: { value: 0 },
      endAtStep: { value: 4 },
    });
    // Empty Latent by Ratio (WLSH) #70: ["4:3", "landscape", 896, 1] makes 1216x896.
    expect(latentOf(summary, '70')).toMatchObject({ width: { value: 1216 }, height: { value: 896 }, batchSize: { value: 1 } });
    expect(sampler.loraNodeIds).toEqual(['67']);
  });

  it('reads the second stage #58 and the other pipeline #82', () => {
    // KSamplerAdvanced #58 continues #57's latent from step 4.
    expect(samplerOf(summary, '58')).toMatchObject({ latentNodeId: '57', latentOrigin: 'SAMPLER', startAtStep: { value: 4 } });
    // KSamplerAdvanced #82: ["enable", 587552119948241, "randomize", 40, 1.3, "euler", "simple", 0, 40, "disable"]
    expect(samplerOf(summary, '82')).toMatchObject({ seed: { value: '587552119948241', source: 'RUNTIME' }, steps: { value: 40 }, cfg: { value: 1.3 } });
    // EmptyHunyuanLatentVideo #91: [1024, 1024, 1, 1]
    expect(latentOf(summary, '91')).toMatchObject({ width: { value: 1024 }, length: { value: 1 } });
  });

  it('reads the LoRA loaders and flags the LightX2V ones', () => {
    // LoraLoaderModelOnly #67: [lightx2v..., 3.0000000000000004]; #95: [WAN2.1_Smartphone..., 0.30000000000000004]
    expect(loraOf(summary, '67')).toMatchObject({ active: true, accelerator: true, strengthModel: { value: 3.0000000000000004 } });
    expect(loraOf(summary, '68')).toMatchObject({ active: true, accelerator: true, strengthModel: { value: 1.5000000000000002 } });
    expect(loraOf(summary, '95')).toMatchObject({ active: true, accelerator: false, strengthModel: { value: 0.30000000000000004 } });
  });
});

describe('create-consistent-characters-in-comfyui-with-ipadapter-faceid-plus', () => {
  const summary = loadShared('create-consistent-characters-in-comfyui-with-ipadapter-faceid-plus');

  it('takes the seed of KSampler #213 from PrimitiveNode #230', () => {
    const sampler = samplerOf(summary, '213');
    // PrimitiveNode #230 "Seed": [553134072079907, "randomize"]
    expect(sampler.seed).toMatchObject({ value: '553134072079907', source: 'RUNTIME', nodeId: '230', staleWidgetValue: '553134072079907' });
    // KSampler #213: [.., 10, 1.1, "euler_ancestral", "sgm_uniform", 1]
    expect(sampler).toMatchObject({ steps: { value: 10 }, cfg: { value: 1.1 }, samplerName: { value: 'euler_ancestral' }, scheduler: { value: 'sgm_uniform' } });
  });

  it('computes the size of CR SDXL Aspect Ratio #112 from its preset', () => {
    // CR SDXL Aspect Ratio #112: [1024, 1024, "3:4 portrait 896x1152", "Off", 1, 6]
    const latent = latentOf(summary, '112');
    expect(latent).toMatchObject({ width: { value: 896 }, height: { value: 1152 }, batchSize: { value: 6 } });
    expect(latent.derivation).toBe('preset "3:4 portrait 896x1152"');
    expect(samplerOf(summary, '213').latentNodeId).toBe('112');
  });

  it('reads LoraLoader #109 and IPAdapterApplyFaceID #224', () => {
    // LoraLoader #109: ["sdxl/sdxl_lightning_8step_lora.safetensors", 1, 1]
    expect(loraOf(summary, '109')).toMatchObject({ active: true, accelerator: true, strengthModel: { value: 1 }, strengthClip: { value: 1 } });
    // IPAdapterApplyFaceID #224: [1, 0, "original", 0, 1, true, 1, false]
    const face = faceOf(summary, '224');
    expect(face).toMatchObject({ method: 'IPADAPTER', weight: { value: 1 }, startAt: { value: 0 }, endAt: { value: 1 } });
    expect(extraOf(face.extra, 'faceid_v2').value).toBe(true);
  });
});

describe('flux-klein-unified-image-editing-inpaint-remove-outpaint-in-comfyui-advanced-image-restoration', () => {
  const summary = loadShared('flux-klein-unified-image-editing-inpaint-remove-outpaint-in-comfyui-advanced-image-restoration');
  const sampler = samplerOf(summary, '108');

  it('takes the noise seed from easy seed #99, not the stale RandomNoise widget', () => {
    // easy seed #99: [528237819277828, "randomize", null]; RandomNoise #110 keeps [1171, "increment"].
    expect(sampler.seed).toMatchObject({
      value: '528237819277828',
      source: 'RUNTIME',
      nodeId: '99',
      control: 'randomize',
      staleWidgetValue: '1171',
    });
  });

  it('assembles SamplerCustomAdvanced #108 from Flux2Scheduler and CFGGuider', () => {
    // Flux2Scheduler #116: [6, 1024, 1024]; CFGGuider #115: [1]; KSamplerSelect #107: ["euler_ancestral"]
    expect(sampler.steps).toMatchObject({ value: 6, nodeId: '116' });
    expect(sampler.scheduler).toMatchObject({ value: 'flux2', source: 'IMPLIED', nodeId: '116' });
    expect(sampler.cfg).toMatchObject({ value: 1, nodeId: '115' });
    expect(sampler.samplerName).toMatchObject({ value: 'euler_ancestral', nodeId: '107' });
    expect(sampler.latentOrigin).toBe('IMAGE');
    expect(summary.models.find((model) => model.kind === 'UNET')?.name).toBe('flux-2-klein-9b-fp8.safetensors');
    expect(summary.mutedNodeIds.sort()).toEqual(['102', '127', '177']);
  });
});

describe('seedvr2-comfyui-workflow-best-image-video-upscaler-blur-removal', () => {
  const summary = loadShared('seedvr2-comfyui-workflow-best-image-video-upscaler-blur-removal');

  it('reads SeedVR2 #11 in its seven-widget layout', () => {
    // SeedVR2 #11: ["seedvr2_ema_3b_fp16.safetensors", 162, "fixed", 1080, 1.0100000000000002, 1, true]
    const upscaler = summary.upscalers.find((entry) => entry.nodeId === '11');
    expect(upscaler).toMatchObject({
      active: true,
      model: { value: 'seedvr2_ema_3b_fp16.safetensors' },
      seed: { value: '162', control: 'fixed' },
      resolution: { value: 1080 },
    });
    expect(extraOf(upscaler?.extra ?? [], 'cfg_scale').value).toBe(1.0100000000000002);
    expect(summary.upscalers.find((entry) => entry.nodeId === '35')?.active).toBe(false);
    expect(summary.primarySamplerId).toBeNull();
  });
});

describe('text-to-image-with-sdxl-turbo', () => {
  const summary = loadShared('text-to-image-with-sdxl-turbo');

  it('takes both seeds from PrimitiveNode #123', () => {
    // PrimitiveNode #123: [987654321357859, "fixed"]; KSamplerAdvanced #67 keeps a stale copy.
    expect(samplerOf(summary, '67').seed).toMatchObject({ value: '987654321357859', source: 'LINK', nodeId: '123', control: 'fixed' });
    // KSampler #97 stores "increment", but the primitive's "fixed" applies.
    expect(samplerOf(summary, '97').seed).toMatchObject({ value: '987654321357859', source: 'LINK', control: 'fixed' });
  });

  it('reads KSamplerAdvanced #67 and the titled KSampler #97', () => {
    // KSamplerAdvanced #67: ["enable", .., "fixed", 1, 1.1, "euler", "normal", 0, 12, "enable"]
    expect(summary.primarySamplerId).toBe('67');
    expect(samplerOf(summary, '67')).toMatchObject({ steps: { value: 1 }, cfg: { value: 1.1 }, samplerName: { value: 'euler' }, endAtStep: { value: 12 } });
    // EmptyLatentImage #92 "Image Size": [512, 512, 1]
    expect(latentOf(summary, '92')).toMatchObject({ width: { value: 512 }, height: { value: 512 } });
    // KSampler #97 is titled "KSampler (Advanced)": [.., 2, 1.1, "euler", "normal", 0.25]
    const refine = samplerOf(summary, '97');
    expect(refine).toMatchObject({ nodeType: 'KSampler', title: 'KSampler (Advanced)', steps: { value: 2 }, denoise: { value: 0.25 } });
  });
});

describe('wan-2-1-lora-customizable-ai-video-generation', () => {
  const summary = loadShared('wan-2-1-lora-customizable-ai-video-generation');
  const sampler = samplerOf(summary, '27');

  it('reads WanVideoSampler #27 in its eleven-widget layout', () => {
    // WanVideoSampler #27: [18, 6, 5, 342292887319019, "fixed", true, "dpm++", 0, 1, false, "comfy"]
    expect(sampler).toMatchObject({ steps: { value: 18 }, cfg: { value: 6 }, samplerName: { value: 'dpm++' }, denoise: { value: 1 } });
    expect(sampler.seed).toMatchObject({ value: '342292887319019', source: 'WIDGET', control: 'fixed' });
    expect(extraOf(sampler.extra, 'shift').value).toBe(5);
  });

  it('marks the size from ImageResizeKJ #56 as known only at run time', () => {
    // WanVideoImageToVideoEncode #54: [480, 480, 81, ...] with width and height linked from ImageResizeKJ #56.
    const latent = latentOf(summary, '54');
    expect(latent.width).toMatchObject({ value: null, source: 'RUNTIME', nodeId: '56', staleWidgetValue: 480 });
    expect(latent.length).toMatchObject({ value: 81, source: 'WIDGET' });
  });

  it('keeps the bypassed WanVideoLoraSelect #51 out', () => {
    // WanVideoLoraSelect #41: ["squish_18.safetensors", 1, false]; #51 is bypassed.
    expect(loraOf(summary, '41')).toMatchObject({ active: true, strengthModel: { value: 1 } });
    expect(loraOf(summary, '51')).toMatchObject({ active: false, inactiveReason: 'BYPASSED' });
    expect(sampler.loraNodeIds).toEqual(['41']);
    expect(summary.videoOutputs[0]?.fps?.value).toBe(16);
  });
});

describe('z-image-turbo-ai-toolkit-lora-inference-in-comfyui-training-matched-results', () => {
  const summary = loadShared('z-image-turbo-ai-toolkit-lora-inference-in-comfyui-training-matched-results');

  it('reads RCZimageTurbo #7 in its layout without offload_mode', () => {
    const sampler = samplerOf(summary, '7');
    // RCZimageTurbo #7: [prompt, 1024, 1024, 8, 1, 42, "fixed", lora URL, 1, "", ""]
    expect(sampler).toMatchObject({ steps: { value: 8 }, cfg: { value: 1 }, seed: { value: '42', control: 'fixed' } });
    expect(latentOf(summary, '7')).toMatchObject({ width: { value: 1024 }, height: { value: 1024 } });
    const lora = loraOf(summary, '7');
    expect(lora.active).toBe(true);
    expect(valueOf(lora.name)).toBe('https://trainers-storage.runcomfy.net/JB1jIR1g5CMPvBQR/my_first_lora_v1_000001750_1_1.safetensors');
    expect(valueOf(lora.strengthModel)).toBe(1);
    expect(summary.models.find((model) => model.kind === 'PIPELINE')?.name).toBe('zimage_turbo');
  });
});
