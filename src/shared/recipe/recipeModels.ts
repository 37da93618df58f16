import type { ModelKind } from '../protocol';

// PyTorch versions of src/engine/models/*.ts for the exported recipe, layer
// for layer (scripts/bench/torch_baseline.py checks the same translation).
// Python source is written with String.raw so its backslashes stay literal.
// Differences of convention the comments below account for:
// - tfjs is NHWC, PyTorch NCHW: the same layers, the weights laid out differently.
// - Keras BatchNormalization(momentum=m) keeps m of the old statistic; PyTorch's
//   momentum is the share of the new batch, so it is 1 - m. tfjs' epsilon is 1e-3 unless set.
// - Biases start at zero in tfjs (PyTorch draws them), kernels as the engine's init.ts.

const MLP = String.raw`
class Generator(nn.Module):
    """ganvas 'mlp' (models/mlp.ts): the Keras tutorial GAN, one hidden layer of 128."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(LATENT, 128), nn.ReLU(),
            nn.Linear(128, 784), nn.Tanh(),
            nn.Unflatten(1, (1, 28, 28)),
        )
        init_weights(self, "glorot")

    def forward(self, z):
        return self.net(z)


class Discriminator(nn.Module):
    """Returns logits (the loss applies the sigmoid)."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 1))
        init_weights(self, "glorot")

    def forward(self, x):
        return self.net(x)
`;

const DCGAN = String.raw`
def bn(ch):
    # Keras momentum 0.9 -> PyTorch 0.1; dcgan.ts sets epsilon 1e-5.
    return nn.BatchNorm2d(ch, momentum=0.1, eps=1e-5)


class Generator(nn.Module):
    """ganvas 'dcgan' (models/dcgan.ts): DCGAN-28, transposed convs k4 s2 (7 -> 14 -> 28)."""

    def __init__(self):
        super().__init__()
        # tfjs 'same' padding for a k4 s2 transposed conv is 1 on each side.
        self.net = nn.Sequential(
            nn.Linear(LATENT, 7 * 7 * 128, bias=False),
            nn.Unflatten(1, (128, 7, 7)),
            bn(128), nn.ReLU(),
            nn.ConvTranspose2d(128, 64, 4, 2, padding=1, bias=False),
            bn(64), nn.ReLU(),
            nn.ConvTranspose2d(64, 1, 4, 2, padding=1), nn.Tanh(),
        )
        init_weights(self, "normal02")

    def forward(self, z):
        return self.net(z)


class Discriminator(nn.Module):
    """Returns logits (the loss applies the sigmoid)."""

    def __init__(self):
        super().__init__()
        # k4 s2 'same' on 28 and 14 pads 1 on each side.
        self.net = nn.Sequential(
            nn.Conv2d(1, 64, 4, 2, padding=1), nn.LeakyReLU(0.2),
            nn.Conv2d(64, 128, 4, 2, padding=1, bias=False),
            bn(128), nn.LeakyReLU(0.2),
            nn.Flatten(), nn.Linear(7 * 7 * 128, 1),
        )
        init_weights(self, "normal02")

    def forward(self, x):
        return self.net(x)
`;

const DCGAN_SEED = String.raw`
def bn(ch):
    # Keras momentum 0.8 -> PyTorch 0.2; tfjs' default epsilon 1e-3.
    return nn.BatchNorm2d(ch, momentum=0.2, eps=1e-3)


def conv3(cin, cout):
    """3x3 stride-1 conv with 'same' padding (1 on each side)."""
    return nn.Conv2d(cin, cout, 3, 1, padding=1)


class Generator(nn.Module):
    """ganvas 'dcgan-seed' (models/dcganSeed.ts): the Keras DCGAN, upsampling + 3x3 convs."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(LATENT, 128 * 7 * 7),
            nn.Unflatten(1, (128, 7, 7)),
            bn(128),
            nn.Upsample(scale_factor=2, mode="nearest"),
            conv3(128, 128), bn(128), nn.LeakyReLU(0.2),
            nn.Upsample(scale_factor=2, mode="nearest"),
            conv3(128, 64), bn(64), nn.LeakyReLU(0.2),
            conv3(64, 1), nn.Tanh(),
        )
        init_weights(self, "glorot")

    def forward(self, z):
        return self.net(z)


class Discriminator(nn.Module):
    """Strided 3x3 convs with dropout (28 -> 14 -> 7 -> 4 -> 4); returns logits."""

    def __init__(self):
        super().__init__()
        # 'same' with stride 2 pads 1 in total on 28 and 14 (at the bottom/right,
        # as TF does) and 2 on 7 (symmetric, so plain padding=1).
        self.net = nn.Sequential(
            nn.ZeroPad2d((0, 1, 0, 1)), nn.Conv2d(1, 16, 3, 2), nn.LeakyReLU(0.2), nn.Dropout(0.25),
            nn.ZeroPad2d((0, 1, 0, 1)), nn.Conv2d(16, 32, 3, 2), bn(32), nn.LeakyReLU(0.2), nn.Dropout(0.25),
            nn.Conv2d(32, 64, 3, 2, padding=1), bn(64), nn.LeakyReLU(0.2), nn.Dropout(0.25),
            nn.Conv2d(64, 128, 3, 1, padding=1), bn(128), nn.LeakyReLU(0.2), nn.Dropout(0.25),
            nn.Flatten(), nn.Linear(4 * 4 * 128, 1),
        )
        init_weights(self, "glorot")

    def forward(self, x):
        return self.net(x)
`;

/** Shared by all three: the engine's initializers (models/init.ts). */
const INIT = String.raw`
def init_weights(module, kind):
    """As ganvas initialises: kernels glorot-uniform ("glorot") or N(0, 0.02)
    ("normal02", the DCGAN paper), biases zero; BatchNorm keeps gamma 1, beta 0."""
    for m in module.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
            if kind == "glorot":
                nn.init.xavier_uniform_(m.weight)
            else:
                nn.init.normal_(m.weight, 0.0, 0.02)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
`;

const SOURCES: Record<ModelKind, string> = { mlp: MLP, dcgan: DCGAN, 'dcgan-seed': DCGAN_SEED };

/** Python source defining `Generator` and `Discriminator` for one model (and what they need). */
export function pythonModels(kind: ModelKind): string {
  const source = SOURCES[kind];
  if (source === undefined) throw new Error(`no PyTorch recipe for model ${JSON.stringify(kind)}`);
  return (INIT + '\n' + source).trim();
}
