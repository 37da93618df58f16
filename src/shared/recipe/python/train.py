

# --- data --------------------------------------------------------------------


def fail(msg):
    print(f"train.py: error: {msg}", file=sys.stderr, flush=True)
    sys.exit(1)


WHERE_TO_GET = f"""Get MNIST's training images ({MNIST_FILE}.gz, 9.9 MB) from
  https://ossci-datasets.s3.amazonaws.com/mnist/{MNIST_FILE}.gz (a mirror of yann.lecun.com/exdb/mnist)
and pass --data PATH to it (plain or .gz), or put it in the current directory.
With torchvision installed, this downloads it:
  python -c "from torchvision.datasets import MNIST; MNIST('data', download=True)"
  python train.py --data data/MNIST/raw/{MNIST_FILE}
(train.py itself downloads nothing.)"""


def find_data(path):
    if path:
        if not os.path.isfile(path):
            fail(f"--data {path}: no such file.\n{WHERE_TO_GET}")
        return path
    for name in (MNIST_FILE, MNIST_FILE + ".gz", "train-images.idx3-ubyte"):
        if os.path.isfile(name):
            return name
    fail(f"no --data given and no {MNIST_FILE} in {os.getcwd()}.\n{WHERE_TO_GET}")


def read_idx_images(path):
    """An idx3 image file (plain or gzip) as uint8 [N, 1, 28, 28], after checking
    the magic number, the image size and the file's length."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        fail(f"cannot read {path}: {e.strerror}")
    if raw[:2] == b"\x1f\x8b":  # gzip, whatever the file is called
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as e:
            fail(f"{path}: broken gzip file ({e}).\n{WHERE_TO_GET}")
    if len(raw) < 16:
        fail(f"{path}: {len(raw)} bytes, too short for an idx header: not MNIST's {MNIST_FILE}.\n{WHERE_TO_GET}")
    magic, n, rows, cols = struct.unpack(">IIII", raw[:16])
    if magic != 0x803:
        what = "MNIST's labels, not its images" if magic == 0x801 else "not an idx image file"
        fail(f"{path}: magic number {magic:#010x}, expected 0x00000803: {what}; "
             f"train.py needs {MNIST_FILE}.\n{WHERE_TO_GET}")
    if n == 0 or (rows, cols) != (28, 28):
        fail(f"{path}: {n} images of {rows}x{cols}; this model needs 28x28 images.")
    if len(raw) != 16 + n * rows * cols:
        fail(f"{path}: the header says {n} images ({16 + n * rows * cols} bytes) but the file has "
             f"{len(raw)} bytes: truncated or corrupt; download it again.\n{WHERE_TO_GET}")
    return np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(n, 1, rows, cols).copy()


class Shard:
    """Shuffled passes over the images, one shard per process (as DistributedSampler):
    every process draws the same permutation each epoch (same seed) and keeps
    every world-th index from its rank. A pass ends when less than a batch is left."""

    def __init__(self, images, batch, seed, rank, world, device):
        # uint8 on the device (47 MB for MNIST); scaled to [-1, 1] per batch.
        self.images = torch.from_numpy(images).to(device)
        self.batch, self.rank, self.world = batch, rank, world
        self.gen = torch.Generator().manual_seed(seed)
        self.epoch = 0
        self.order = self.shuffle()
        if len(self.order) < batch:
            fail(f"batch size {batch} is larger than this process's share of the data ({len(self.order)} images)")

    def shuffle(self):
        perm = torch.randperm(len(self.images), generator=self.gen)
        self.cursor = 0
        return perm[self.rank::self.world].to(self.images.device)

    def next(self):
        if self.cursor + self.batch > len(self.order):
            self.epoch += 1
            self.order = self.shuffle()
        idx = self.order[self.cursor:self.cursor + self.batch]
        self.cursor += self.batch
        return self.images[idx].float() / 127.5 - 1


# --- training ----------------------------------------------------------------


class DiscriminatorStep(nn.Module):
    """D on the real and the fake batch as one call, so DDP sees one forward per
    backward. With BatchNorm in D they go through separately (batch statistics
    must not mix real and fake); without, as one batch, as ganvas does."""

    def __init__(self, d):
        super().__init__()
        self.d = d
        self.concat = not any(isinstance(m, nn.BatchNorm2d) for m in d.modules())

    def forward(self, real, fake):
        if self.concat:
            return self.d(torch.cat([real, fake])).split(len(real))
        return self.d(real), self.d(fake)


def count_params(module):
    return sum(p.numel() for p in module.parameters() if p.requires_grad)


def seconds_list(text):
    try:
        times = [float(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected seconds like 30,60,120, got {text!r}")
    if not times or any(not t > 0 for t in times):
        raise argparse.ArgumentTypeError(f"expected seconds > 0 like 30,60,120, got {text!r}")
    return times


def parse_args():
    p = argparse.ArgumentParser(description=f"Train ganvas's {MODEL} GAN on MNIST (exported at step {EXPORTED_AT_STEP}).")
    p.add_argument("--data", help=f"path to {MNIST_FILE} (plain or .gz); default: look in the current directory")
    p.add_argument("--steps", type=int, default=10000,
                   help="training steps (one D and one G update each); default 10000; 0 with --from-generator: convert only")
    p.add_argument("--out", default="out", help="directory for generator.pt and the sample grid; default out")
    p.add_argument("--log-every", type=int, default=100, help="print a line every N steps; default 100")
    p.add_argument("--device", help="cpu, cuda, cuda:1...; default cuda if available, else cpu")
    p.add_argument("--batch-size", type=int, default=BATCH_SIZE, help=f"per process; default {BATCH_SIZE} (ganvas's)")
    p.add_argument("--seed", type=int, default=SEED, help=f"default {SEED}")
    p.add_argument("--lr-g", type=float, default=LR_G, help=f"generator learning rate; default {LR_G}")
    p.add_argument("--lr-d", type=float, default=LR_D, help=f"discriminator learning rate; default {LR_D}")
    p.add_argument("--beta1", type=float, default=BETA1, help=f"Adam beta1; default {BETA1}")
    p.add_argument("--from-generator", metavar="ZIP",
                   help=f"start G from a ganvas generator download (a {MODEL} one); D starts fresh")
    p.add_argument("--sample-z", metavar="Z.npy", help=f"at the end, run G (eval mode) on this [n, {LATENT}] noise...")
    p.add_argument("--sample-out", metavar="OUT.npy", help="...and save the images here as float32 [n, 1, 28, 28]")
    p.add_argument("--sample-at", metavar="S,S,...", type=seconds_list,
                   help="also sample after these seconds of training, to OUT-<S>s.npy, then stop (one process only)")
    p.add_argument("--print-params", action="store_true", help="print the networks' parameter counts as JSON and exit")
    args = p.parse_args()
    if args.steps < 0 or args.log_every < 1 or args.batch_size < 1:
        p.error("--log-every and --batch-size must be at least 1, --steps at least 0")
    if args.steps == 0 and not args.from_generator:
        p.error("--steps 0 only converts: it needs --from-generator ZIP")
    if (args.sample_z is None) != (args.sample_out is None):
        p.error("--sample-z and --sample-out go together")
    if args.sample_at and args.sample_z is None:
        p.error("--sample-at needs --sample-z and --sample-out")
    return args


def pick_device(name, local_rank):
    device = torch.device(name or ("cuda" if torch.cuda.is_available() else "cpu"))
    if device.type == "cuda":
        if not torch.cuda.is_available():
            fail(f"--device {name}: CUDA is not available here (try --device cpu)")
        if device.index is None:  # under torchrun: one GPU per process
            device = torch.device("cuda", local_rank % torch.cuda.device_count())
        torch.cuda.set_device(device)
    return device


def save_results(g, fixed_z, out):
    os.makedirs(out, exist_ok=True)
    torch.save(g.state_dict(), os.path.join(out, "generator.pt"))
    g.eval()  # BatchNorm on its moving statistics, as ganvas's sample grid
    with torch.no_grad():
        x = g(fixed_z).cpu()
    px = ((x + 1) * 127.5).clamp(0, 255).round().to(torch.uint8).numpy()
    grid = px.reshape(GRID, GRID, 28, 28).transpose(0, 2, 1, 3).reshape(GRID * 28, GRID * 28)
    try:
        from PIL import Image
        name = "samples.png"
        Image.fromarray(grid).save(os.path.join(out, name))  # uint8 2-D: greyscale
    except ImportError:
        name = "samples.npy"
        np.save(os.path.join(out, name), grid)
    print(f"saved {os.path.join(out, 'generator.pt')} and {os.path.join(out, name)}", flush=True)


def finish(g, fixed_z, sample_z, args, device):
    save_results(g, fixed_z, args.out)
    if sample_z is not None:
        sample_to_file(g, sample_z, args.sample_out, device)


def main():
    args = parse_args()
    if args.print_params:
        print(json.dumps({"model": MODEL, "generator": count_params(Generator()), "discriminator": count_params(Discriminator())}))
        return

    # torchrun sets these; a plain run is a world of one.
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    device = pick_device(args.device, int(os.environ.get("LOCAL_RANK", "0")))
    fixed_z = torch.randn(GRID * GRID, LATENT, generator=torch.Generator().manual_seed(args.seed ^ 0x5EED)).to(device)
    # A generator download is read and checked first (a bad one fails fast), converted on the CPU.
    g_state = read_generator_zip(args.from_generator) if args.from_generator else None
    sample_z = load_noise(args.sample_z) if args.sample_z else None
    if args.steps == 0:  # converter: the download's weights as generator.pt, a grid and any samples
        if rank == 0:
            g = Generator().to(device)
            g.load_state_dict(g_state)
            finish(g, fixed_z, sample_z, args, device)
        return
    images = read_idx_images(find_data(args.data))  # before joining the group: a bad file fails fast
    if world > 1:
        dist.init_process_group("nccl" if device.type == "cuda" else "gloo")
    main_process = rank == 0
    if args.sample_at and world > 1:
        fail("--sample-at times one process: run train.py without torchrun")

    # The same seed everywhere: identical initial weights (DDP broadcasts rank 0's anyway).
    torch.manual_seed(args.seed)
    g, d = Generator().to(device), Discriminator().to(device)
    if g_state is not None:
        g.load_state_dict(g_state)  # G goes on from the download; D and both Adams start fresh
    g.train()
    d.train()
    g_opt = torch.optim.Adam(g.parameters(), lr=args.lr_g, betas=(args.beta1, BETA2), eps=EPS)
    d_opt = torch.optim.Adam(d.parameters(), lr=args.lr_d, betas=(args.beta1, BETA2), eps=EPS)
    # BatchNorm stays plain (not SyncBatchNorm): each process normalises over its
    # own batch of --batch-size, which is what ganvas's BatchNorm sees; SyncBatchNorm
    # would normalise over nproc x batch, and it needs CUDA anyway.
    d_step = DiscriminatorStep(d)
    ids = [device.index] if device.type == "cuda" else None
    g_ddp = DDP(g, device_ids=ids) if world > 1 else g
    d_ddp = DDP(d_step, device_ids=ids) if world > 1 else d_step
    # Noise and dropout masks differ per process; the data order is shared (Shard).
    torch.manual_seed(args.seed + 1000003 * rank)
    data = Shard(images, args.batch_size, args.seed, rank, world, device)

    if main_process:
        print(f"{MODEL}: {len(images)} images, {world} process(es) x batch {args.batch_size} on {device}, "
              f"lr_g {args.lr_g} lr_d {args.lr_d} beta1 {args.beta1}, {args.steps} steps", flush=True)
    t_last, step_last = time.perf_counter(), 0
    clock = SampleClock(args.sample_at, sample_z, args.sample_out, device) if args.sample_at else None
    for step in range(1, args.steps + 1):
        real = data.next()
        z = torch.randn(args.batch_size, LATENT, device=device)

        # D: the fake batch is made without a graph through G (D's update needs none).
        with torch.no_grad():
            fake = g(z)
        real_logits, fake_logits = d_ddp(real, fake)
        d_loss = F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
        d_opt.zero_grad(set_to_none=True)
        d_loss.backward()
        d_opt.step()

        # G, on the same z, non-saturating: maximise log D(G(z)). D is frozen and
        # called unwrapped: under DDP it would wait for gradients D does not get here.
        d.requires_grad_(False)
        g_loss = F.softplus(-d(g_ddp(z))).mean()
        g_opt.zero_grad(set_to_none=True)
        g_loss.backward()
        g_opt.step()
        d.requires_grad_(True)

        if step % args.log_every == 0 or step == args.steps:
            # Read back only here (a GPU runs ahead in between); the mean over processes.
            m = torch.stack([d_loss.detach(), g_loss.detach(),
                             torch.sigmoid(real_logits.detach()).mean(), torch.sigmoid(fake_logits.detach()).mean()])
            if world > 1:
                dist.all_reduce(m)
                m /= world
            d_l, g_l, d_x, d_gz = m.tolist()
            now = time.perf_counter()
            rate = world * args.batch_size * (step - step_last) / (now - t_last)
            t_last, step_last = now, step
            if main_process:
                print(f"step {step}/{args.steps} d_loss {d_l:.4f} g_loss {g_l:.4f} "
                      f"D(x) {d_x:.4f} D(G(z)) {d_gz:.4f} img/s {rate:.1f}", flush=True)
        if clock and clock.tick(g, step):
            break

    if main_process:
        finish(g, fixed_z, sample_z, args, device)
    if world > 1:
        dist.barrier()  # the others wait for rank 0's files before the group goes
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
