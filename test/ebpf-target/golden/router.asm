; examples/router/router.pnet: XDP program 'pnet_xdp' (section xdp), 485 instructions
; maps: scratch, ports, ifports, t0, t1, t2, t3, t4, defaults
mov %r6, %r1
stw [%r10-8], 0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L481
mov %r9, %r0
stw [%r10-8], 0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L481
stxdw [%r10-328], %r0
stdw [%r9+8], 0
stdw [%r9+16], 0
stdw [%r9+24], 0
stdw [%r9+80], 0
stdw [%r9+88], 0
ldxw %r1, [%r6+8]
ldxw %r2, [%r6]
jge %r1, %r2, L33
mov %r3, %r1
add %r3, 32
jgt %r3, %r2, L33
ldxw %r3, [%r1]
jne %r3, 0x74656e70, L33
ldxw %r3, [%r1+4]
stxdw [%r9+40], %r3
ja L45
L33:
ldxw %r3, [%r6+12]
stxw [%r10-8], %r3
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L483
ldxw %r3, [%r0+4]
jeq %r3, 0, L483
ldxw %r3, [%r0]
stxdw [%r9+40], %r3
L45:
mov %r8, 0
ldxw %r7, [%r6]
mov %r0, %r7
add %r0, 14
ldxw %r1, [%r6+4]
jgt %r0, %r1, L165
ldxdw %r1, [%r7]
be64 %r1
rsh %r1, 16
stxdw [%r9+96], %r1
ldxdw %r1, [%r7+6]
be64 %r1
rsh %r1, 16
stxdw [%r9+104], %r1
ldxh %r1, [%r7+12]
be16 %r1
stxdw [%r9+112], %r1
add %r7, 14
mov %r8, 14
stb [%r9+80], 1
jeq %r1, 33024, L70
jeq %r1, 2048, L84
jeq %r1, 34525, L138
jne %r1, 2054, L172
ja L158
L70:
mov %r1, %r7
add %r1, 4
ldxw %r0, [%r6+4]
jgt %r1, %r0, L165
ldxh %r0, [%r7+2]
be16 %r0
stxdw [%r9+144], %r0
add %r7, 4
mov %r8, 18
stb [%r9+81], 1
jeq %r0, 2048, L84
jeq %r0, 34525, L138
jne %r0, 2054, L172
ja L158
L84:
mov %r0, %r7
add %r0, 20
ldxw %r1, [%r6+4]
jgt %r0, %r1, L165
ldxb %r1, [%r7]
rsh %r1, 4
stxdw [%r9+224], %r1
ldxb %r1, [%r7]
and %r1, 15
stxdw [%r9+232], %r1
ldxb %r1, [%r7+1]
rsh %r1, 2
stxdw [%r9+240], %r1
ldxb %r1, [%r7+1]
and %r1, 3
stxdw [%r9+248], %r1
ldxh %r1, [%r7+2]
be16 %r1
stxdw [%r9+256], %r1
ldxh %r1, [%r7+4]
be16 %r1
stxdw [%r9+264], %r1
ldxb %r1, [%r7+6]
rsh %r1, 5
stxdw [%r9+272], %r1
ldxh %r1, [%r7+6]
be16 %r1
and %r1, 8191
stxdw [%r9+280], %r1
ldxb %r1, [%r7+8]
stxdw [%r9+288], %r1
ldxb %r1, [%r7+9]
stxdw [%r9+296], %r1
ldxh %r1, [%r7+10]
be16 %r1
stxdw [%r9+304], %r1
ldxw %r1, [%r7+12]
be32 %r1
stxdw [%r9+312], %r1
ldxw %r1, [%r7+16]
be32 %r1
stxdw [%r9+320], %r1
add %r8, 20
stb [%r9+83], 1
ldxdw %r1, [%r9+224]
jne %r1, 4, L167
ldxdw %r1, [%r9+232]
jlt %r1, 5, L169
ldxdw %r1, [%r9+256]
ldxdw %r0, [%r9+232]
lsh %r0, 2
and %r0, 65535
jlt %r1, %r0, L171
ja L172
L138:
mov %r1, %r7
add %r1, 40
ldxw %r0, [%r6+4]
jgt %r1, %r0, L165
ldxb %r0, [%r7]
rsh %r0, 4
stxdw [%r9+328], %r0
ldxb %r0, [%r7+7]
stxdw [%r9+368], %r0
ldxdw %r0, [%r7+24]
be64 %r0
stxdw [%r9+400], %r0
ldxdw %r0, [%r7+32]
be64 %r0
stxdw [%r9+392], %r0
add %r8, 40
stb [%r9+84], 1
ldxdw %r0, [%r9+328]
jne %r0, 6, L167
ja L172
L158:
mov %r0, %r7
add %r0, 28
ldxw %r1, [%r6+4]
jgt %r0, %r1, L165
add %r8, 28
stb [%r9+82], 1
ja L172
L165:
stdw [%r9+8], 1
ja L172
L167:
stdw [%r9+8], 6
ja L172
L169:
stdw [%r9+8], 7
ja L172
L171:
stdw [%r9+8], 8
L172:
stxdw [%r9], %r8
mov %r8, 0
mov %r7, 0
ldxdw %r1, [%r9+8]
jne %r1, 0, L382
ldxb %r1, [%r9+82]
jeq %r1, 0, L181
stdw [%r9+16], 2
ja L382
L181:
ldxdw %r1, [%r9+96]
stxdw [%r9+1536], %r1
lddw %r1, 0x0
mov %r2, %r9
add %r2, 1536
call 1
jeq %r0, 0, L382
ldxb %r1, [%r9+83]
jeq %r1, 0, L323
ldxdw %r1, [%r9+232]
jeq %r1, 5, L195
stdw [%r9+16], 2
ja L382
L195:
ldxdw %r1, [%r9+224]
lsh %r1, 12
ldxdw %r0, [%r9+232]
lsh %r0, 8
add %r1, %r0
ldxdw %r0, [%r9+240]
lsh %r0, 2
add %r1, %r0
ldxdw %r0, [%r9+248]
add %r1, %r0
ldxdw %r0, [%r9+256]
add %r1, %r0
ldxdw %r0, [%r9+264]
add %r1, %r0
ldxdw %r0, [%r9+272]
lsh %r0, 13
add %r1, %r0
ldxdw %r0, [%r9+280]
add %r1, %r0
ldxdw %r0, [%r9+288]
lsh %r0, 8
add %r1, %r0
ldxdw %r0, [%r9+296]
add %r1, %r0
ldxdw %r0, [%r9+304]
add %r1, %r0
ldxdw %r0, [%r9+312]
add %r1, %r0
ldxdw %r0, [%r9+320]
add %r1, %r0
mov %r0, %r1
rsh %r0, 16
and %r1, 65535
add %r1, %r0
mov %r0, %r1
rsh %r0, 16
and %r1, 65535
add %r1, %r0
mov %r0, %r1
rsh %r0, 16
and %r1, 65535
add %r1, %r0
jne %r1, 65535, L382
ldxdw %r1, [%r9+312]
rsh %r1, 24
and %r1, 255
mov %r8, 1
stxw [%r10-8], %r1
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L251
ldxdw %r1, [%r0+8]
jne %r1, 0, L252
L251:
mov %r8, 0
L252:
jne %r8, 0, L382
ldxdw %r1, [%r9+320]
stw [%r9+1536], 32
be32 %r1
stxw [%r9+1540], %r1
lddw %r1, 0x0
mov %r2, %r9
add %r2, 1536
call 1
mov %r7, %r0
jne %r0, 0, L266
ldxdw %r7, [%r10-328]
add %r7, 16
L266:
ldxw %r0, [%r7]
jeq %r0, 0, L271
jne %r0, 1, L382
stdw [%r9+16], 2
ja L382
L271:
ldxdw %r0, [%r7+8]
stxdw [%r9+88], %r0
ldxdw %r0, [%r9+288]
jgt %r0, 1, L277
stdw [%r9+16], 2
ja L382
L277:
sub %r0, 1
and %r0, 255
stxdw [%r9+288], %r0
ldxdw %r0, [%r9+224]
lsh %r0, 12
ldxdw %r1, [%r9+232]
lsh %r1, 8
add %r0, %r1
ldxdw %r1, [%r9+240]
lsh %r1, 2
add %r0, %r1
ldxdw %r1, [%r9+248]
add %r0, %r1
ldxdw %r1, [%r9+256]
add %r0, %r1
ldxdw %r1, [%r9+264]
add %r0, %r1
ldxdw %r1, [%r9+272]
lsh %r1, 13
add %r0, %r1
ldxdw %r1, [%r9+280]
add %r0, %r1
ldxdw %r1, [%r9+288]
lsh %r1, 8
add %r0, %r1
ldxdw %r1, [%r9+296]
add %r0, %r1
ldxdw %r1, [%r9+312]
add %r0, %r1
ldxdw %r1, [%r9+320]
add %r0, %r1
mov %r1, %r0
rsh %r1, 16
and %r0, 65535
add %r0, %r1
mov %r1, %r0
rsh %r1, 16
and %r0, 65535
add %r0, %r1
mov %r1, %r0
rsh %r1, 16
and %r0, 65535
add %r0, %r1
xor %r0, 65535
stxdw [%r9+304], %r0
ja L354
L323:
ldxb %r0, [%r9+84]
jeq %r0, 0, L382
ldxdw %r0, [%r9+392]
ldxdw %r1, [%r9+400]
stw [%r9+1536], 128
be64 %r1
stxdw [%r9+1540], %r1
mov %r1, %r0
be64 %r1
stxdw [%r9+1548], %r1
lddw %r1, 0x0
mov %r2, %r9
add %r2, 1536
call 1
mov %r7, %r0
jne %r0, 0, L342
ldxdw %r7, [%r10-328]
add %r7, 32
L342:
ldxw %r0, [%r7]
jeq %r0, 0, L347
jne %r0, 1, L382
stdw [%r9+16], 2
ja L382
L347:
ldxdw %r0, [%r7+8]
stxdw [%r9+88], %r0
ldxdw %r0, [%r9+368]
jle %r0, 1, L382
sub %r0, 1
and %r0, 255
stxdw [%r9+368], %r0
L354:
ldxdw %r0, [%r9+88]
stxw [%r10-8], %r0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L365
mov %r7, %r0
ldxdw %r1, [%r0+32]
jne %r1, 0, L367
L365:
ldxdw %r7, [%r10-328]
add %r7, 48
L367:
ldxw %r0, [%r7]
jne %r0, 0, L376
ldxdw %r0, [%r7+16]
stxdw [%r9+104], %r0
ldxdw %r0, [%r7+24]
stxdw [%r9+96], %r0
ldxdw %r0, [%r7+8]
stxdw [%r9+24], %r0
stdw [%r9+16], 1
L376:
ldxb %r0, [%r9+81]
jeq %r0, 0, L382
ldxdw %r0, [%r9+144]
stxdw [%r9+112], %r0
stb [%r9+81], 0
stdw [%r9+144], 0
L382:
ldxdw %r0, [%r9+16]
jeq %r0, 0, L448
ldxb %r0, [%r9+80]
mul %r0, 14
ldxb %r1, [%r9+81]
mul %r1, 4
add %r0, %r1
ldxb %r1, [%r9+82]
mul %r1, 28
add %r0, %r1
mov %r8, %r0
ldxb %r1, [%r9+83]
mul %r1, 20
add %r0, %r1
mov %r7, %r0
ldxb %r1, [%r9+84]
mul %r1, 40
add %r0, %r1
ldxdw %r1, [%r9]
sub %r1, %r0
jeq %r1, 0, L407
mov %r2, %r1
mov %r1, %r6
call 44
jne %r0, 0, L481
L407:
ldxw %r1, [%r6+4]
ldxb %r0, [%r9+80]
jeq %r0, 0, L427
ldxw %r2, [%r6]
mov %r3, %r2
add %r3, 14
jgt %r3, %r1, L481
ldxdw %r3, [%r9+96]
lsh %r3, 16
ldxdw %r4, [%r9+104]
rsh %r4, 32
or %r3, %r4
be64 %r3
stxdw [%r2], %r3
ldxdw %r3, [%r9+104]
be32 %r3
stxw [%r2+8], %r3
ldxdw %r3, [%r9+112]
be16 %r3
stxh [%r2+12], %r3
L427:
ldxb %r2, [%r9+83]
jeq %r2, 0, L439
ldxw %r0, [%r6]
add %r0, %r8
mov %r4, %r0
add %r4, 12
jgt %r4, %r1, L481
ldxdw %r4, [%r9+288]
stxb [%r0+8], %r4
ldxdw %r3, [%r9+304]
be16 %r3
stxh [%r0+10], %r3
L439:
ldxb %r0, [%r9+84]
jeq %r0, 0, L448
ldxw %r2, [%r6]
add %r2, %r7
mov %r4, %r2
add %r4, 8
jgt %r4, %r1, L481
ldxdw %r4, [%r9+368]
stxb [%r2+7], %r4
L448:
ldxdw %r5, [%r9+16]
ldxw %r1, [%r6+8]
ldxw %r2, [%r6]
jge %r1, %r2, L462
mov %r3, %r1
add %r3, 32
jgt %r3, %r2, L462
ldxw %r3, [%r1]
jne %r3, 0x74656e70, L462
stxw [%r1+16], %r5
ldxdw %r3, [%r9+24]
stxw [%r1+20], %r3
ldxdw %r3, [%r9+8]
stxw [%r1+24], %r3
L462:
jne %r5, 0, L465
mov %r0, 1
exit
L465:
jne %r5, 2, L468
mov %r0, 2
exit
L468:
jne %r5, 3, L471
mov %r0, 3
exit
L471:
ldxdw %r2, [%r9+24]
ldxdw %r4, [%r9+40]
jne %r2, %r4, L476
mov %r0, 3
exit
L476:
lddw %r1, 0x0
mov %r3, 1
call 51
exit
L481:
mov %r0, 0
exit
L483:
mov %r0, 1
exit
