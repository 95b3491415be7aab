module wfm

go 1.26.8

require github.com/6tail/lunar-go v1.4.7

require gonum.org/v1/gonum v0.17.0 // indirect
