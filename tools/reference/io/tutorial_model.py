"""The tutorial's model in PyTorch: LSTM then Linear at every step; the readout attribute is `output`,
so the state_dict keys are lstm.weight_ih_l0, ..., output.weight, output.bias (as lstm-core's LstmRegressor)."""
from torch import nn


class Model(nn.Module):
    def __init__(self, input_size, hidden_size, output_size, num_layers=1, bias=True):
        super().__init__()
        self.lstm = nn.LSTM(input_size, hidden_size, num_layers, bias=bias)
        self.output = nn.Linear(hidden_size, output_size, bias=bias)

    def forward(self, x):
        return self.output(self.lstm(x)[0])
