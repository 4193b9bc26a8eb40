; examples/l2switch/l2switch.pnet: XDP program 'pnet_xdp' (section xdp), 364 instructions
; maps: scratch, ports, ifports, t0, t1, t2, u2, defaults, k0, digests, mgroups, mg0, mg1, mg2, mg3, mg4, mg5, mg6, mg7
mov %r6, %r1
stw [%r10-8], 0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L360
mov %r9, %r0
stw [%r10-8], 0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L360
stxdw [%r10-328], %r0
stdw [%r9+8], 0
stdw [%r9+16], 0
stdw [%r9+24], 0
stdw [%r9+80], 0
stdw [%r9+96], 0
ldxw %r1, [%r6]
ldxw %r2, [%r6+4]
sub %r2, %r1
stxdw [%r9+32], %r2
ldxw %r1, [%r6+8]
ldxw %r2, [%r6]
jge %r1, %r2, L37
mov %r3, %r1
add %r3, 32
jgt %r3, %r2, L37
ldxw %r3, [%r1]
jne %r3, 0x74656e70, L37
ldxw %r3, [%r1+4]
stxdw [%r9+40], %r3
ja L49
L37:
ldxw %r3, [%r6+12]
stxw [%r10-8], %r3
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L362
ldxw %r3, [%r0+4]
jeq %r3, 0, L362
ldxw %r3, [%r0]
stxdw [%r9+40], %r3
L49:
mov %r8, 0
ldxw %r7, [%r6]
mov %r0, %r7
add %r0, 14
ldxw %r1, [%r6+4]
jgt %r0, %r1, L69
ldxdw %r1, [%r7]
be64 %r1
rsh %r1, 16
stxdw [%r9+104], %r1
ldxdw %r1, [%r7+6]
be64 %r1
rsh %r1, 16
stxdw [%r9+112], %r1
ldxh %r1, [%r7+12]
be16 %r1
stxdw [%r9+120], %r1
mov %r8, 14
stb [%r9+80], 1
ja L70
L69:
stdw [%r9+8], 1
L70:
stxdw [%r9], %r8
mov %r8, 0
mov %r7, 0
mov %r1, %r3
jge %r1, 16, L86
stxw [%r10-8], %r1
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L86
mov %r1, 1
lock add [%r0], %r1
ldxdw %r1, [%r9+32]
lock add [%r0+8], %r1
L86:
ldxdw %r1, [%r9+8]
jeq %r1, 0, L90
stdw [%r9+16], 0
ja L248
L90:
ldxdw %r1, [%r9+112]
rsh %r1, 40
and %r1, 1
jne %r1, 1, L96
stdw [%r9+16], 0
ja L248
L96:
ldxdw %r1, [%r9+104]
stxdw [%r9+1200], %r1
ldxdw %r1, [%r9+120]
stxdw [%r9+1208], %r1
stw [%r10-8], 0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L175
ldxw %r1, [%r0]
stxdw [%r9+64], %r1
jeq %r1, 0, L175
stdw [%r9+72], 0
ldxdw %r1, [%r9+1200]
lsh %r1, 16
ldxdw %r0, [%r9+1208]
or %r1, %r0
be64 %r1
stxdw [%r9+1240], %r1
mov %r8, 1
L118:
ldxdw %r1, [%r9+64]
jle %r8, %r1, L121
ja L169
L121:
jle %r8, 64, L123
ja L169
L123:
stxw [%r10-8], %r8
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jne %r0, 0, L131
ja L169
L131:
ldxdw %r1, [%r0]
ldxdw %r2, [%r9+72]
jgt %r1, %r2, L135
ja L169
L135:
ldxw %r1, [%r0+8]
stxw [%r9+1216], %r1
ldxdw %r3, [%r9+1240]
ldxdw %r2, [%r0+48]
and %r3, %r2
stxdw [%r9+1220], %r3
lddw %r2, 0x9e3779b97f4a7c15
mul %r3, %r2
rsh %r3, 56
mov %r2, %r3
rsh %r2, 6
lsh %r2, 3
mov %r1, %r0
add %r1, %r2
ldxdw %r1, [%r1+16]
and %r3, 63
rsh %r1, %r3
and %r1, 1
jeq %r1, 0, L167
lddw %r1, 0x0
mov %r2, %r9
add %r2, 1216
call 1
jeq %r0, 0, L167
ldxdw %r1, [%r0]
ldxdw %r2, [%r9+72]
jle %r1, %r2, L167
stxdw [%r9+72], %r1
ldxdw %r1, [%r0+8]
stxdw [%r9+1248], %r1
L167:
add %r8, 1
ja L118
L169:
ldxdw %r1, [%r9+72]
jeq %r1, 0, L175
mov %r7, %r9
add %r7, 1248
mov %r8, 1
ja L178
L175:
mov %r8, 0
ldxdw %r7, [%r10-328]
add %r7, 32
L178:
ldxw %r0, [%r7]
jne %r0, 0, L181
stdw [%r9+16], 2
L181:
jne %r8, 0, L248
ldxdw %r0, [%r9+112]
stxdw [%r9+1216], %r0
lddw %r1, 0x0
mov %r2, %r9
add %r2, 1216
call 1
mov %r7, %r0
jne %r0, 0, L192
ldxdw %r7, [%r10-328]
L192:
ldxw %r0, [%r7]
jeq %r0, 0, L207
stdw [%r10-320], 0
ldxdw %r0, [%r9+112]
stxdw [%r10-312], %r0
ldxdw %r0, [%r9+40]
stxdw [%r10-304], %r0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -320
mov %r3, 24
mov %r4, 0
call 130
ja L223
L207:
ldxdw %r0, [%r7+8]
ldxdw %r1, [%r9+40]
jeq %r0, %r1, L223
stdw [%r10-320], 0
ldxdw %r0, [%r9+112]
stxdw [%r10-312], %r0
mov %r0, %r1
stxdw [%r10-304], %r0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -320
mov %r3, 24
mov %r4, 0
call 130
mov %r7, 0
L223:
ldxdw %r0, [%r9+104]
stxdw [%r9+1216], %r0
lddw %r1, 0x0
mov %r2, %r9
add %r2, 1216
call 1
mov %r7, %r0
jne %r0, 0, L234
ldxdw %r7, [%r10-328]
add %r7, 16
L234:
ldxw %r0, [%r7]
jeq %r0, 0, L239
stdw [%r9+24], 1
stdw [%r9+16], 4
ja L248
L239:
ldxdw %r0, [%r7+8]
stxdw [%r9+96], %r0
ldxdw %r0, [%r7+8]
stxdw [%r9+24], %r0
stdw [%r9+16], 1
ldxdw %r0, [%r9+96]
ldxdw %r1, [%r9+40]
jne %r0, %r1, L248
stdw [%r9+16], 0
L248:
ldxdw %r0, [%r9+16]
jeq %r0, 0, L259
ldxb %r0, [%r9+80]
mul %r0, 14
ldxdw %r1, [%r9]
sub %r1, %r0
jeq %r1, 0, L259
mov %r2, %r1
mov %r1, %r6
call 44
jne %r0, 0, L360
L259:
ldxdw %r5, [%r9+16]
ldxw %r1, [%r6+8]
ldxw %r2, [%r6]
jge %r1, %r2, L273
mov %r3, %r1
add %r3, 32
jgt %r3, %r2, L273
ldxw %r3, [%r1]
jne %r3, 0x74656e70, L273
stxw [%r1+16], %r5
ldxdw %r3, [%r9+24]
stxw [%r1+20], %r3
ldxdw %r3, [%r9+8]
stxw [%r1+24], %r3
L273:
jne %r5, 0, L276
mov %r0, 1
exit
L276:
jne %r5, 2, L279
mov %r0, 2
exit
L279:
jne %r5, 3, L282
mov %r0, 3
exit
L282:
jeq %r5, 4, L293
ldxdw %r2, [%r9+24]
ldxdw %r4, [%r9+40]
jne %r2, %r4, L288
mov %r0, 3
exit
L288:
lddw %r1, 0x0
mov %r3, 1
call 51
exit
L293:
ldxdw %r3, [%r9+24]
stxw [%r10-8], %r3
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L310
ldxw %r2, [%r0]
jeq %r2, 0, L312
jeq %r2, 1, L318
jeq %r2, 2, L324
jeq %r2, 3, L330
jeq %r2, 4, L336
jeq %r2, 5, L342
jeq %r2, 6, L348
jeq %r2, 7, L354
L310:
mov %r0, 1
exit
L312:
lddw %r1, 0x0
mov %r2, 0
mov %r3, 24
call 51
exit
L318:
lddw %r1, 0x0
mov %r2, 0
mov %r3, 24
call 51
exit
L324:
lddw %r1, 0x0
mov %r2, 0
mov %r3, 24
call 51
exit
L330:
lddw %r1, 0x0
mov %r2, 0
mov %r3, 24
call 51
exit
L336:
lddw %r1, 0x0
mov %r2, 0
mov %r3, 24
call 51
exit
L342:
lddw %r1, 0x0
mov %r2, 0
mov %r3, 24
call 51
exit
L348:
lddw %r1, 0x0
mov %r2, 0
mov %r3, 24
call 51
exit
L354:
lddw %r1, 0x0
mov %r2, 0
mov %r3, 24
call 51
exit
L360:
mov %r0, 0
exit
L362:
mov %r0, 1
exit
