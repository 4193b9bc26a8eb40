; examples/ddos/ddos.pnet: XDP program 'pnet_xdp' (section xdp), 671 instructions
; maps: scratch, ports, ifports, t0, t1, u1, defaults, tcounters, k0, r0, m0
mov %r6, %r1
stw [%r10-8], 0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L667
mov %r9, %r0
stw [%r10-8], 0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L667
stxdw [%r10-328], %r0
stdw [%r9+8], 0
stdw [%r9+16], 0
stdw [%r9+24], 0
stdw [%r9+80], 0
stdw [%r9+136], 0
stdw [%r9+168], 0
ldxw %r1, [%r6]
ldxw %r2, [%r6+4]
sub %r2, %r1
stxdw [%r9+32], %r2
ldxw %r1, [%r6+8]
ldxw %r2, [%r6]
jge %r1, %r2, L40
mov %r3, %r1
add %r3, 32
jgt %r3, %r2, L40
ldxw %r3, [%r1]
jne %r3, 0x74656e70, L40
ldxw %r3, [%r1+4]
stxdw [%r9+40], %r3
ldxdw %r3, [%r1+8]
stxdw [%r9+48], %r3
ja L54
L40:
ldxw %r3, [%r6+12]
stxw [%r10-8], %r3
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L669
ldxw %r3, [%r0+4]
jeq %r3, 0, L669
ldxw %r3, [%r0]
stxdw [%r9+40], %r3
call 5
stxdw [%r9+48], %r0
L54:
mov %r8, 0
ldxw %r7, [%r6]
mov %r0, %r7
add %r0, 14
ldxw %r1, [%r6+4]
jgt %r0, %r1, L121
ldxh %r1, [%r7+12]
be16 %r1
add %r7, 14
mov %r8, 14
stb [%r9+82], 1
jne %r1, 2048, L124
mov %r1, %r7
add %r1, 20
ldxw %r0, [%r6+4]
jgt %r1, %r0, L121
ldxb %r0, [%r7]
rsh %r0, 4
stxdw [%r9+240], %r0
ldxb %r0, [%r7]
and %r0, 15
stxdw [%r9+248], %r0
ldxb %r0, [%r7+1]
rsh %r0, 2
stxdw [%r9+256], %r0
ldxb %r0, [%r7+1]
and %r0, 3
stxdw [%r9+264], %r0
ldxb %r0, [%r7+9]
stxdw [%r9+312], %r0
ldxh %r0, [%r7+10]
be16 %r0
stxdw [%r9+320], %r0
ldxw %r0, [%r7+12]
be32 %r0
stxdw [%r9+328], %r0
ldxw %r0, [%r7+16]
be32 %r0
stxdw [%r9+336], %r0
add %r7, 20
mov %r8, 34
stb [%r9+83], 1
ldxdw %r0, [%r9+240]
jne %r0, 4, L123
ldxdw %r0, [%r9+312]
jeq %r0, 6, L102
jne %r0, 17, L124
ja L111
L102:
mov %r0, %r7
add %r0, 20
ldxw %r1, [%r6+4]
jgt %r0, %r1, L121
ldxb %r1, [%r7+13]
stxdw [%r9+136], %r1
mov %r8, 54
stb [%r9+80], 1
ja L124
L111:
mov %r1, %r7
add %r1, 8
ldxw %r0, [%r6+4]
jgt %r1, %r0, L121
ldxh %r0, [%r7]
be16 %r0
stxdw [%r9+168], %r0
mov %r8, 42
stb [%r9+81], 1
ja L124
L121:
stdw [%r9+8], 1
ja L124
L123:
stdw [%r9+8], 6
L124:
stxdw [%r9], %r8
mov %r8, 0
mov %r7, 0
ldxdw %r0, [%r9+40]
jeq %r0, 1, L132
stdw [%r9+24], 1
stdw [%r9+16], 1
ja L597
L132:
ldxdw %r0, [%r9+8]
jeq %r0, 0, L149
mov %r0, 3
jge %r0, 8, L147
stxw [%r10-8], %r0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L147
mov %r1, 1
lock add [%r0], %r1
ldxdw %r1, [%r9+32]
lock add [%r0+8], %r1
L147:
stdw [%r9+16], 0
ja L597
L149:
stdw [%r9+24], 2
stdw [%r9+16], 1
ldxb %r0, [%r9+83]
jeq %r0, 0, L597
ldxdw %r0, [%r9+328]
mov %r8, 1
stw [%r9+1448], 32
be32 %r0
stxw [%r9+1452], %r0
lddw %r1, 0x0
mov %r2, %r9
add %r2, 1448
call 1
mov %r7, %r0
jeq %r0, 0, L179
ldxw %r1, [%r7+4]
jge %r1, 0x10000, L181
stxw [%r10-8], %r1
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L181
mov %r1, 1
lock add [%r0], %r1
ldxdw %r1, [%r9+32]
lock add [%r0+8], %r1
ja L181
L179:
mov %r8, 0
ldxdw %r7, [%r10-328]
L181:
ldxw %r1, [%r7]
jne %r1, 0, L184
stdw [%r9+16], 0
L184:
jeq %r8, 0, L199
mov %r1, 0
jge %r1, 8, L597
stxw [%r10-8], %r1
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L597
mov %r1, 1
lock add [%r0], %r1
ldxdw %r1, [%r9+32]
lock add [%r0+8], %r1
ja L597
L199:
ldxdw %r1, [%r9+312]
stxdw [%r9+1432], %r1
ldxdw %r1, [%r9+168]
stxdw [%r9+1440], %r1
stw [%r10-8], 0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L387
ldxw %r1, [%r0]
stxdw [%r9+64], %r1
jeq %r1, 0, L387
stdw [%r9+72], 0
ldxdw %r1, [%r9+1432]
lsh %r1, 8
ldxdw %r0, [%r9+1440]
rsh %r0, 8
or %r1, %r0
be16 %r1
stxh [%r9+1464], %r1
ldxdw %r1, [%r9+1440]
stxb [%r9+1466], %r1
mov %r8, 1
L224:
ldxdw %r1, [%r9+64]
jle %r8, %r1, L227
ja L381
L227:
jle %r8, 64, L229
ja L381
L229:
stxw [%r10-8], %r8
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jne %r0, 0, L237
ja L381
L237:
ldxdw %r1, [%r0]
ldxdw %r2, [%r9+72]
jgt %r1, %r2, L241
ja L381
L241:
ldxw %r1, [%r0+8]
stxw [%r9+1448], %r1
ldxdw %r3, [%r9+1464]
ldxdw %r2, [%r0+48]
and %r3, %r2
stxdw [%r9+1452], %r3
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
jeq %r1, 0, L379
lddw %r1, 0x0
mov %r2, %r9
add %r2, 1448
call 1
jeq %r0, 0, L379
ldxdw %r1, [%r0]
ldxdw %r2, [%r9+72]
jle %r1, %r2, L379
ldxdw %r3, [%r9+1440]
ldxdw %r5, [%r0+8]
sub %r3, %r5
ldxdw %r4, [%r9+1440]
ldxdw %r5, [%r0+16]
sub %r5, %r4
or %r3, %r5
jslt %r3, 0, L282
stxdw [%r9+72], %r1
ldxdw %r1, [%r0+24]
stxdw [%r9+1472], %r1
ja L379
L282:
ldxdw %r1, [%r0+32]
jle %r1, %r2, L379
ldxdw %r5, [%r0+40]
sub %r4, %r5
mov %r3, %r4
ldxdw %r4, [%r9+1440]
ldxdw %r5, [%r0+48]
sub %r5, %r4
or %r3, %r5
jslt %r3, 0, L296
stxdw [%r9+72], %r1
ldxdw %r1, [%r0+56]
stxdw [%r9+1472], %r1
ja L379
L296:
ldxdw %r1, [%r0+64]
jle %r1, %r2, L379
ldxdw %r5, [%r0+72]
sub %r4, %r5
mov %r3, %r4
ldxdw %r4, [%r9+1440]
ldxdw %r5, [%r0+80]
sub %r5, %r4
or %r3, %r5
jslt %r3, 0, L310
stxdw [%r9+72], %r1
ldxdw %r1, [%r0+88]
stxdw [%r9+1472], %r1
ja L379
L310:
ldxdw %r1, [%r0+96]
jle %r1, %r2, L379
ldxdw %r5, [%r0+104]
sub %r4, %r5
mov %r3, %r4
ldxdw %r4, [%r9+1440]
ldxdw %r5, [%r0+112]
sub %r5, %r4
or %r3, %r5
jslt %r3, 0, L324
stxdw [%r9+72], %r1
ldxdw %r1, [%r0+120]
stxdw [%r9+1472], %r1
ja L379
L324:
ldxdw %r1, [%r0+128]
jle %r1, %r2, L379
ldxdw %r5, [%r0+136]
sub %r4, %r5
mov %r3, %r4
ldxdw %r4, [%r9+1440]
ldxdw %r5, [%r0+144]
sub %r5, %r4
or %r3, %r5
jslt %r3, 0, L338
stxdw [%r9+72], %r1
ldxdw %r1, [%r0+152]
stxdw [%r9+1472], %r1
ja L379
L338:
ldxdw %r1, [%r0+160]
jle %r1, %r2, L379
ldxdw %r5, [%r0+168]
sub %r4, %r5
mov %r3, %r4
ldxdw %r4, [%r9+1440]
ldxdw %r5, [%r0+176]
sub %r5, %r4
or %r3, %r5
jslt %r3, 0, L352
stxdw [%r9+72], %r1
ldxdw %r1, [%r0+184]
stxdw [%r9+1472], %r1
ja L379
L352:
ldxdw %r1, [%r0+192]
jle %r1, %r2, L379
ldxdw %r5, [%r0+200]
sub %r4, %r5
mov %r3, %r4
ldxdw %r4, [%r9+1440]
ldxdw %r5, [%r0+208]
sub %r5, %r4
or %r3, %r5
jslt %r3, 0, L366
stxdw [%r9+72], %r1
ldxdw %r1, [%r0+216]
stxdw [%r9+1472], %r1
ja L379
L366:
ldxdw %r1, [%r0+224]
jle %r1, %r2, L379
ldxdw %r5, [%r0+232]
sub %r4, %r5
mov %r3, %r4
ldxdw %r4, [%r9+1440]
ldxdw %r5, [%r0+240]
sub %r5, %r4
or %r3, %r5
jslt %r3, 0, L379
stxdw [%r9+72], %r1
ldxdw %r1, [%r0+248]
stxdw [%r9+1472], %r1
L379:
add %r8, 1
ja L224
L381:
ldxdw %r1, [%r9+72]
jeq %r1, 0, L387
mov %r7, %r9
add %r7, 1472
mov %r8, 1
ja L390
L387:
mov %r8, 0
ldxdw %r7, [%r10-328]
add %r7, 8
L390:
ldxw %r0, [%r7]
jne %r0, 0, L393
stdw [%r9+16], 0
L393:
jeq %r8, 0, L408
mov %r0, 4
jge %r0, 8, L597
stxw [%r10-8], %r0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L597
mov %r1, 1
lock add [%r0], %r1
ldxdw %r1, [%r9+32]
lock add [%r0+8], %r1
ja L597
L408:
ldxdw %r0, [%r9+328]
mov32 %r0, %r0
and %r0, 255
stdw [%r9+376], 0
jge %r0, 256, L475
stxw [%r10-8], %r0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L475
mov %r0, %r0
ldxdw %r1, [%r0]
jeq %r1, 0, L475
ldxdw %r1, [%r9+48]
ldxdw %r2, [%r0+56]
jle %r1, %r2, L461
stxdw [%r0+56], %r1
sub %r1, %r2
mov %r2, %r1
ldxdw %r3, [%r0+8]
jeq %r3, 0, L445
ldxdw %r5, [%r0+24]
ldxdw %r4, [%r0+40]
sub %r5, %r4
add %r5, %r3
sub %r5, 1
div %r5, %r3
jge %r2, %r5, L443
mov %r5, %r3
mul %r5, %r2
add %r4, %r5
stxdw [%r0+40], %r4
ja L445
L443:
ldxdw %r5, [%r0+24]
stxdw [%r0+40], %r5
L445:
ldxdw %r5, [%r0+16]
jeq %r5, 0, L461
ldxdw %r3, [%r0+32]
ldxdw %r4, [%r0+48]
sub %r3, %r4
add %r3, %r5
sub %r3, 1
div %r3, %r5
jge %r2, %r3, L459
mov %r3, %r5
mul %r3, %r2
add %r4, %r3
stxdw [%r0+48], %r4
ja L461
L459:
ldxdw %r3, [%r0+32]
stxdw [%r0+48], %r3
L461:
ldxdw %r2, [%r9+32]
mul %r2, 0x3b9aca00
ldxdw %r1, [%r0+48]
jlt %r1, %r2, L474
sub %r1, %r2
stxdw [%r0+48], %r1
ldxdw %r1, [%r0+40]
jlt %r1, %r2, L472
sub %r1, %r2
stxdw [%r0+40], %r1
ja L475
L472:
stdw [%r9+376], 1
ja L475
L474:
stdw [%r9+376], 2
L475:
ldxdw %r2, [%r9+376]
jne %r2, 2, L492
mov %r2, 1
jge %r2, 8, L490
stxw [%r10-8], %r2
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L490
mov %r1, 1
lock add [%r0], %r1
ldxdw %r1, [%r9+32]
lock add [%r0+8], %r1
L490:
stdw [%r9+16], 0
ja L597
L492:
jne %r2, 1, L545
ldxdw %r2, [%r9+240]
lsh %r2, 4
and %r2, 255
ldxdw %r1, [%r9+248]
or %r2, %r1
lsh %r2, 6
and %r2, 16383
ldxdw %r1, [%r9+256]
or %r2, %r1
lsh %r2, 2
and %r2, 65535
ldxdw %r1, [%r9+264]
or %r2, %r1
stxdw [%r9+344], %r2
ldxdw %r2, [%r9+256]
and %r2, 57
or %r2, 4
stxdw [%r9+256], %r2
ldxdw %r2, [%r9+320]
and %r2, 65535
xor %r2, 65535
ldxdw %r0, [%r9+344]
and %r0, 65535
xor %r0, 65535
add %r2, %r0
ldxdw %r1, [%r9+240]
lsh %r1, 4
and %r1, 255
ldxdw %r0, [%r9+248]
or %r1, %r0
lsh %r1, 6
and %r1, 16383
ldxdw %r0, [%r9+256]
or %r1, %r0
lsh %r1, 2
and %r1, 65535
ldxdw %r0, [%r9+264]
or %r1, %r0
mov %r0, %r1
and %r0, 65535
add %r2, %r0
mov %r1, %r2
rsh %r1, 16
and %r2, 65535
add %r2, %r1
mov %r1, %r2
rsh %r1, 16
and %r2, 65535
add %r2, %r1
xor %r2, 65535
stxdw [%r9+320], %r2
mov %r7, 0
L545:
ldxb %r2, [%r9+80]
jeq %r2, 0, L597
ldxdw %r2, [%r9+136]
and %r2, 18
jne %r2, 2, L597
stdw [%r9+400], 0
ldxdw %r2, [%r9+336]
and %r2, 255
jge %r2, 256, L564
stxw [%r10-8], %r2
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L564
mov %r2, %r0
ldxdw %r1, [%r2]
stxdw [%r9+400], %r1
L564:
ldxdw %r1, [%r9+400]
jlt %r1, 3, L581
mov %r1, 2
jge %r1, 8, L579
stxw [%r10-8], %r1
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L579
mov %r1, 1
lock add [%r0], %r1
ldxdw %r1, [%r9+32]
lock add [%r0+8], %r1
L579:
stdw [%r9+16], 0
ja L597
L581:
add %r1, 1
mov32 %r1, %r1
stxdw [%r9+400], %r1
ldxdw %r1, [%r9+336]
and %r1, 255
jge %r1, 256, L597
stxw [%r10-8], %r1
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L597
mov %r1, %r0
ldxdw %r2, [%r9+400]
stxdw [%r1], %r2
L597:
ldxdw %r2, [%r9+16]
jeq %r2, 0, L634
ldxb %r2, [%r9+82]
mul %r2, 14
mov %r8, %r2
ldxb %r1, [%r9+83]
mul %r1, 20
add %r2, %r1
ldxb %r1, [%r9+80]
mul %r1, 20
add %r2, %r1
ldxb %r1, [%r9+81]
mul %r1, 8
add %r2, %r1
ldxdw %r1, [%r9]
sub %r1, %r2
jeq %r1, 0, L618
mov %r2, %r1
mov %r1, %r6
call 44
jne %r0, 0, L667
L618:
ldxw %r1, [%r6+4]
ldxb %r2, [%r9+83]
jeq %r2, 0, L634
ldxw %r0, [%r6]
add %r0, %r8
mov %r3, %r0
add %r3, 12
jgt %r3, %r1, L667
ldxdw %r3, [%r9+256]
lsh %r3, 2
ldxdw %r4, [%r9+264]
or %r3, %r4
stxb [%r0+1], %r3
ldxdw %r4, [%r9+320]
be16 %r4
stxh [%r0+10], %r4
L634:
ldxdw %r5, [%r9+16]
ldxw %r1, [%r6+8]
ldxw %r2, [%r6]
jge %r1, %r2, L648
mov %r3, %r1
add %r3, 32
jgt %r3, %r2, L648
ldxw %r3, [%r1]
jne %r3, 0x74656e70, L648
stxw [%r1+16], %r5
ldxdw %r3, [%r9+24]
stxw [%r1+20], %r3
ldxdw %r3, [%r9+8]
stxw [%r1+24], %r3
L648:
jne %r5, 0, L651
mov %r0, 1
exit
L651:
jne %r5, 2, L654
mov %r0, 2
exit
L654:
jne %r5, 3, L657
mov %r0, 3
exit
L657:
ldxdw %r2, [%r9+24]
ldxdw %r4, [%r9+40]
jne %r2, %r4, L662
mov %r0, 3
exit
L662:
lddw %r1, 0x0
mov %r3, 1
call 51
exit
L667:
mov %r0, 0
exit
L669:
mov %r0, 1
exit
