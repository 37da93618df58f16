

# --- a ganvas generator download (--from-generator) --------------------------

# Caps on what an entry may unpack to, checked before reading (as ganvas does).
ZIP_LIMITS = {"ganvas.json": 1 << 20, "model.json": 8 << 20, "weights.bin": 512 << 20}
TORCH_LAYER = {"Dense": nn.Linear, "Conv2D": nn.Conv2d, "Conv2DTranspose": nn.ConvTranspose2d,
               "BatchNormalization": nn.BatchNorm2d}
ELEMENTWISE = (nn.ReLU, nn.LeakyReLU, nn.Tanh)
BN_WEIGHTS = {"gamma": "weight", "beta": "bias", "moving_mean": "running_mean", "moving_variance": "running_var"}


def layer_signature(layer):
    cls, cfg = layer.get("class_name"), layer.get("config") or {}
    if cfg.get("activation") not in (None, "linear"):
        return f"{cls}:{cfg['activation']}"
    return f"{cls}:{cfg.get('alpha')}" if cls == "LeakyReLU" else str(cls)


def read_generator_files(path, what):
    """ganvas.json (checked), model.json and weights.bin from the zip."""
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            files = {}
            for name, cap in ZIP_LIMITS.items():
                if name not in names:
                    fail(f"{what}: {name} is missing from the zip: not a ganvas generator download")
                size = z.getinfo(name).file_size
                if size > cap:
                    fail(f"{what}: {name} claims {size >> 20} MB unpacked, over the {cap >> 20} MB limit")
                files[name] = z.read(name)
                if name == "ganvas.json":
                    check_meta(files[name], what)
    except FileNotFoundError:
        fail(f"{what}: no such file")
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as e:
        fail(f"{what}: not a zip file, or a damaged one ({e})")
    return files


def parse_json(raw, name, what):
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        fail(f"{what}: {name} is not valid JSON")


def check_meta(raw, what):
    meta = parse_json(raw, "ganvas.json", what)
    if not isinstance(meta, dict) or meta.get("app") != "ganvas":
        fail(f"{what}: ganvas.json does not say app \"ganvas\": not a ganvas generator download")
    if meta.get("kind") == "run":
        fail(f"{what} is a whole ganvas run, not a generator: use ganvas's \"Download generator (.zip)\"")
    if meta.get("version") != 1:
        fail(f"{what}: generator format {meta.get('version')!r}; this train.py reads 1")
    if meta.get("model") != MODEL:
        fail(f"{what} holds a {meta.get('model')!r} generator, but this train.py is for {MODEL!r}: "
             f"export the recipe from a {meta.get('model')!r} run to load it")
    if meta.get("latentSize") != LATENT:
        fail(f"{what}: latent size {meta.get('latentSize')!r}; this train.py's generator takes {LATENT}")


def read_weights(model, weights, what):
    """model.json's weightsManifest over weights.bin: {name: float32 array}."""
    specs = []
    for group in model.get("weightsManifest") or []:
        if not isinstance(group, dict) or group.get("paths") != ["weights.bin"]:
            fail(f"{what}: model.json's weightsManifest does not point at weights.bin alone")
        specs += group.get("weights") or []
    needed = 0
    for spec in specs:
        shape = spec.get("shape") if isinstance(spec, dict) else None
        if not isinstance(shape, list) or spec.get("dtype") != "float32" or \
                not all(isinstance(d, int) and d > 0 for d in shape):
            fail(f"{what}: model.json lists {spec!r:.80}, not a float32 tensor of positive size")
        needed += 4 * int(np.prod(shape))
    if needed != len(weights):
        fail(f"{what}: weights.bin has {len(weights)} bytes; model.json needs {needed}")
    arrays, offset = {}, 0
    for spec in specs:
        count = int(np.prod(spec["shape"]))
        if spec.get("name") in arrays:
            fail(f"{what}: model.json lists {spec.get('name')!r} twice")
        arrays[spec.get("name")] = np.frombuffer(weights, dtype="<f4", count=count, offset=offset).reshape(spec["shape"])
        offset += 4 * count
    return arrays


def convert(layers, arrays, template, what):
    """The tfjs weights as a state_dict for template (this script's Generator),
    every one converted to PyTorch's layout and its shape checked."""
    state = template.state_dict()
    seq = list(template.net)
    targets = [(j, m) for j, m in enumerate(seq) if isinstance(m, tuple(TORCH_LAYER.values()))]
    sources = [(i, l) for i, l in enumerate(layers) if l["class_name"] in TORCH_LAYER]
    if len(targets) != len(sources):
        fail(f"{what}: {len(sources)} layers with weights; this train.py's Generator has {len(targets)}")
    used = set()

    def take(layer, key):
        name = f"{layer['config'].get('name')}/{key}"
        if name not in arrays:
            fail(f"{what}: model.json has no weight {name!r}")
        used.add(name)
        return arrays[name]

    def assign(key, tf_name, tf_value, value):
        want = tuple(state[key].shape)
        if tuple(value.shape) != want:
            fail(f"{what}: {tf_name} {list(tf_value.shape)} is {list(value.shape)} in PyTorch's layout, "
                 f"but this train.py's Generator has {key} {list(want)}")
        state[key] = torch.from_numpy(np.array(value, dtype=np.float32, order="C"))  # a writable copy

    for (i, layer), (j, module) in zip(sources, targets):
        cls, cfg, prefix = layer["class_name"], layer["config"], f"net.{j}"
        tf_name = cfg.get("name")
        if not isinstance(module, TORCH_LAYER[cls]):
            fail(f"{what}: layer {tf_name} is {cls}, but {prefix} here is {type(module).__name__}")
        if cls == "BatchNormalization":
            # Inference divides by sqrt(var + eps): tfjs' epsilon (default 1e-3) must agree.
            if abs(cfg.get("epsilon", 1e-3) - module.eps) > 1e-12 or cfg.get("axis", -1) not in (-1, 3):
                fail(f"{what}: {tf_name} has epsilon {cfg.get('epsilon')} on axis {cfg.get('axis')}; "
                     f"{prefix} has eps {module.eps} on the channels")
            for tf_key, key in BN_WEIGHTS.items():
                v = take(layer, tf_key)
                assign(f"{prefix}.{key}", f"{tf_name}/{tf_key}", v, v)
            continue
        kernel = take(layer, "kernel")
        bias = take(layer, "bias") if cfg.get("use_bias", True) else None
        if (bias is None) != (module.bias is None):
            fail(f"{what}: {tf_name} {'has no' if bias is None else 'has a'} bias; {prefix} here differs")
        if cls == "Dense":
            w, b = kernel.T, bias  # [in, out] -> Linear's [out, in]
            nxt = layers[i + 1] if i + 1 < len(layers) else {}
            if nxt.get("class_name") == "Reshape":
                # tfjs reshapes the Dense output channels-last, [h, w, c]; this script
                # unflattens channels-first, [c, h, w]: reorder the output units to match.
                target = nxt["config"].get("target_shape")
                rest = [m for m in seq[j + 1:] if not isinstance(m, ELEMENTWISE)]  # activations commute with the reorder
                unflat = rest[0] if rest else None
                if not (isinstance(target, list) and len(target) == 3 and isinstance(unflat, nn.Unflatten)
                        and tuple(unflat.unflattened_size) == (target[2], target[0], target[1])
                        and int(np.prod(target)) == w.shape[0]):
                    fail(f"{what}: {tf_name} reshapes to {target} (channels last), which does not match "
                         f"this train.py's Generator after {prefix}")
                h, wd, c = target
                w = w.reshape(h, wd, c, -1).transpose(2, 0, 1, 3).reshape(h * wd * c, -1)
                if b is not None:
                    b = b.reshape(h, wd, c).transpose(2, 0, 1).reshape(-1)
        else:
            # Conv2D [kh, kw, in, out] -> Conv2d [out, in, kh, kw]; Conv2DTranspose
            # [kh, kw, out, in] -> ConvTranspose2d [in, out, kh, kw]: the same axis order.
            # Both transposed convs are the adjoint of the same cross-correlation: no flip.
            if kernel.ndim != 4:
                fail(f"{what}: {tf_name}/kernel has shape {list(kernel.shape)}, not [kh, kw, in, out]")
            w, b = kernel.transpose(3, 2, 0, 1), bias
        assign(f"{prefix}.weight", f"{tf_name}/kernel", kernel, w)
        if b is not None:
            assign(f"{prefix}.bias", f"{tf_name}/bias", bias, b)
    if set(arrays) - used:
        fail(f"{what}: model.json has weights this Generator has no place for: {sorted(set(arrays) - used)}")
    return state


def read_generator_zip(path):
    """A ganvas generator download as a state_dict for this script's Generator (or exit with why not)."""
    what = f"--from-generator {path}"
    files = read_generator_files(path, what)
    model = parse_json(files["model.json"], "model.json", what)
    topology = model.get("modelTopology") if isinstance(model, dict) else None
    config = topology.get("config") if isinstance(topology, dict) else None
    layers = config.get("layers") if isinstance(config, dict) else None
    if not isinstance(layers, list) or model.get("format") != "layers-model" or topology.get("class_name") != "Sequential" \
            or not all(isinstance(layer, dict) and isinstance(layer.get("config"), dict) for layer in layers):
        fail(f"{what}: model.json is not a tfjs Sequential layers model")
    found = [layer_signature(layer) for layer in layers]
    if found != TFJS_LAYERS:
        fail(f"{what}: model.json's layers are {found}; a ganvas {MODEL!r} generator's are {TFJS_LAYERS}")
    arrays = read_weights(model, files["weights.bin"], what)
    return convert(layers, arrays, Generator(), what)


def load_noise(z_path):
    """--sample-z: [n, LATENT] floats from a .npy, read at the start so a bad file fails fast."""
    try:
        z = np.load(z_path, allow_pickle=False)
    except (OSError, ValueError) as e:
        fail(f"--sample-z {z_path}: cannot read it as .npy ({e})")
    if z.ndim != 2 or z.shape[1] != LATENT or z.dtype.kind != "f":
        fail(f"--sample-z {z_path}: {z.dtype} {list(z.shape)}; need floats of shape [n, {LATENT}]")
    return z.astype(np.float32)


def sample_to_file(g, z, out_path, device):
    """G in eval mode (BatchNorm on its moving statistics) on the noise z, saved to
    out_path as float32 [n, 1, 28, 28] (NCHW; with one channel, the order of tfjs' NHWC)."""
    g.eval()
    with torch.no_grad():
        x = g(torch.from_numpy(z).to(device)).cpu().numpy().astype(np.float32)
    try:
        with open(out_path, "wb") as f:  # np.save on a name would add ".npy" to it
            np.save(f, x)
    except OSError as e:
        fail(f"--sample-out {out_path}: cannot write it ({e.strerror})")
    print(f"saved {len(x)} images to {out_path}", flush=True)


class SampleClock:
    """--sample-at: G (eval mode) on --sample-z after these seconds of training,
    saved as OUT-<t>s.npy; the clock counts training only (not the sampling) and
    training ends after the last time. The bench's time-to-quality mode uses it."""

    def __init__(self, times, z, out_path, device):
        self.times, self.z, self.device = sorted(times), z, device
        self.stem = out_path[:-4] if out_path.endswith(".npy") else out_path
        self.trained = 0.0
        self.since = time.perf_counter()

    def tick(self, g, step):
        """After each step: samples at each time passed; True once the last is done."""
        if self.device.type == "cuda":
            torch.cuda.synchronize(self.device)  # the clock must see the work, not its queueing
        self.trained += time.perf_counter() - self.since
        while self.times and self.trained >= self.times[0]:
            t = self.times.pop(0)
            print(f"sample at {t:g} s: step {step}, {self.trained:.2f} s of training", flush=True)
            sample_to_file(g, self.z, f"{self.stem}-{t:g}s.npy", self.device)
            g.train()
        self.since = time.perf_counter()
        return not self.times

